namespace ChatOpsSignin.Teams;

/// <summary>The <c>Teams</c> configuration section. Teams is on when <see cref="AppId"/> is set or local mode is on.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string DefaultEntraOpenIdMetadataUrl = "https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration";
    public const string ConnectorScope = "https://api.botframework.com/.default";
    public const string GraphScope = "https://graph.microsoft.com/.default";
    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0/";

    /// <summary>Microsoft Graph base for <c>entra-group:</c> entries (national clouds, tests).</summary>
    public string GraphBaseUrl { get; set; } = DefaultGraphBaseUrl;

    /// <summary>The bot's Microsoft App ID (Entra client id): the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>Client secret for outbound Bot Connector tokens. A secret: never logged.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The single tenant the app registration lives in; also allowed as a requester tenant.</summary>
    public string? TenantId { get; set; }

    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>
    /// Entra OpenID metadata for Entra-issued inbound tokens from <see cref="TenantId"/> (single-tenant apps);
    /// <c>{TenantId}</c> is substituted.
    /// </summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>Client-credentials token endpoint; <c>{TenantId}</c> is substituted.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>Microsoft 365 Agents Playground: no inbound token checks. Only allowed when the host listens on loopback only.</summary>
    public bool AllowUnauthenticatedLocalClient { get; set; }

    /// <summary>Tenants whose users may talk to the bot, besides <see cref="TenantId"/>. Empty and no TenantId: any tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Hosts the bot will call as a serviceUrl. Loopback hosts are honoured only in local mode or when listed here.</summary>
    public List<string> AllowedServiceUrlHosts { get; set; } =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>How long a conversation member lookup (for the user's UPN) may take before falling back to the display name.</summary>
    public TimeSpan MemberLookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one Bot Connector call attempt may take before it is abandoned (and retried only if idempotent).</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) || AllowUnauthenticatedLocalClient;

    /// <summary>Local mode without a password: replies go to the playground's connector without a token.</summary>
    public bool SendsWithoutToken => AllowUnauthenticatedLocalClient && string.IsNullOrEmpty(AppPassword);

    public string MetadataUrl => string.IsNullOrWhiteSpace(OpenIdMetadataUrl) ? DefaultOpenIdMetadataUrl : OpenIdMetadataUrl;

    /// <summary>Single-tenant apps also accept Entra-issued tokens from their own tenant, as Microsoft's Teams SDKs do.</summary>
    public bool AcceptsEntraTokens => !string.IsNullOrWhiteSpace(TenantId);

    public string ResolvedEntraMetadataUrl => (string.IsNullOrWhiteSpace(EntraOpenIdMetadataUrl) ? DefaultEntraOpenIdMetadataUrl : EntraOpenIdMetadataUrl)
        .Replace("{TenantId}", TenantId ?? string.Empty, StringComparison.Ordinal);

    /// <summary>The audiences inbound tokens may carry: the App ID and its two Application ID URI forms.</summary>
    public IReadOnlyList<string> InboundAudiences => [AppId ?? string.Empty, $"api://botid-{AppId}", $"api://{AppId}"];

    public string ResolvedTokenEndpoint => (string.IsNullOrWhiteSpace(TokenEndpoint) ? DefaultTokenEndpoint : TokenEndpoint)
        .Replace("{TenantId}", TenantId ?? string.Empty, StringComparison.Ordinal);

    public bool IsTenantAllowed(string tenant)
    {
        var allowed = AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (!string.IsNullOrWhiteSpace(TenantId))
        {
            allowed.Add(TenantId);
        }

        return allowed.Count == 0 || allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase);
    }

    public override string ToString() => $"TeamsOptions(AppId={AppId}, TenantId={TenantId}, local={AllowUnauthenticatedLocalClient}, password redacted)";
}
