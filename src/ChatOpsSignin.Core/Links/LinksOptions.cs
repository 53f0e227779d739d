namespace ChatOpsSignin.Core.Links;

/// <summary>The <c>Links</c> section: how console links reach the requester.</summary>
public sealed class LinksOptions
{
    public const string Section = "Links";

    /// <summary>
    /// The bot's own public https address (e.g. <c>https://chatops.example.com/</c>). Set: chat gets
    /// <c>{PublicBaseUrl}go/&lt;id&gt;</c> and the AWS URL is made only when that link is opened. Unset: the AWS URL is posted.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Sign the browser out of any current console session first (the partition's sign-out URL), then log in.</summary>
    public bool LogoutFirst { get; set; }
}
