namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// Which inbound issuers are accepted, and where their keys come from, exactly as Microsoft's Teams SDKs accept them
/// (teams.ts InboundActivityTokenValidator / JwtValidator, teams.net): Bot Framework channel tokens
/// (<c>https://api.botframework.com</c>, Bot Framework metadata, keys endorsed for <c>msteams</c>), and for a
/// single-tenant app Entra-issued tokens from its own tenant only, v2 <c>https://login.microsoftonline.com/{tid}/v2.0</c>
/// or v1 <c>https://sts.windows.net/{tid}/</c>, with keys from that tenant's Entra metadata. The issuer is matched
/// exactly before any metadata is chosen, so an unverified claim never picks a key source we did not configure.
/// </summary>
internal static class TokenIssuers
{
    public const string TeamsChannel = "msteams";

    public static IssuerKind Classify(string? issuer, TeamsOptions options)
    {
        if (string.Equals(issuer, TeamsOptions.BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return IssuerKind.BotFramework;
        }

        return options.AcceptsEntraTokens && issuer is not null && EntraIssuers(options.TenantId!).Contains(issuer, StringComparer.Ordinal)
            ? IssuerKind.Entra
            : IssuerKind.NotAccepted;
    }

    public static string[] EntraIssuers(string tenant) =>
        [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"];
}

internal enum IssuerKind
{
    NotAccepted,
    BotFramework,
    Entra,
}
