using ChatOpsSignin.Core.Links;

namespace ChatOpsSignin.Links;

/// <summary>The line <c>check</c> prints about how links reach users.</summary>
internal static class LinkModeLine
{
    public static string Describe(LinksOptions options) =>
        (options.PublicBaseUrl is { } url
            ? $"✓ links: click-through: chat gets {url.AbsoluteUri.TrimEnd('/')}/go/<id> (single use, 15 min); credentials and the AWS URL are made at the click"
            : "✓ links: direct: the AWS sign-in URL is posted in chat (set Links:PublicBaseUrl for click-through links)")
        + (options.LogoutFirst ? "; signs out of any console session first (Links:LogoutFirst)" : string.Empty);
}
