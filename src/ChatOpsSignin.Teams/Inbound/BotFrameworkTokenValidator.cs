using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// Validates the Bot Framework channel token on <c>/api/messages</c>: signature by a current Bot Framework key, issuer
/// <c>https://api.botframework.com</c>, audience = our App ID, lifetime with 5 minutes skew (on the injected clock),
/// <c>serviceurl</c> claim = activity serviceUrl, and the activity's channel among the signing key's endorsements.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-4-verify-the-jwt-token.
/// </summary>
internal sealed class BotFrameworkTokenValidator : IDisposable
{
    public const string HttpClientName = "teams-metadata";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions options;
    private readonly TimeProvider time;
    private static readonly TimeSpan MinForcedRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> metadata;
    private readonly BotFrameworkMetadataRetriever retriever = new();
    private readonly HttpDocumentRetriever documents;
    private readonly SemaphoreSlim refreshGate = new(1, 1);
    private readonly string metadataAddress;
    private OpenIdConnectConfiguration? refreshed;
    private DateTimeOffset lastForcedRefresh = DateTimeOffset.MinValue;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public BotFrameworkTokenValidator(IOptions<TeamsOptions> options, TimeProvider time, IHttpClientFactory httpClients)
    {
        this.options = options.Value;
        this.time = time;
        var uri = new Uri(this.options.MetadataUrl);
        metadataAddress = uri.AbsoluteUri;
        documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
        {
            RequireHttps = !uri.IsLoopback,
        };
        metadata = new ConfigurationManager<OpenIdConnectConfiguration>(uri.AbsoluteUri, retriever, documents)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromSeconds(30),
        };
    }

    public void Dispose() => refreshGate.Dispose();

    public async Task<TokenCheck> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (options.AllowUnauthenticatedLocalClient)
        {
            return TokenCheck.LocalMode;
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Rejected("no bearer token");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (!handler.CanReadToken(raw))
        {
            return TokenCheck.Rejected("malformed token");
        }

        var kid = handler.ReadJsonWebToken(raw).Kid;
        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        if (!HasKey(configuration, kid))
        {
            configuration = await RefreshForUnknownKeyAsync(configuration, kid, cancellationToken);
        }

        var result = await handler.ValidateTokenAsync(raw, Parameters(configuration));
        if (!result.IsValid)
        {
            return TokenCheck.Rejected(result.Exception?.GetType().Name ?? "invalid token");
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            return TokenCheck.Rejected("serviceurl claim does not match the activity's serviceUrl");
        }

        var endorsements = BotFrameworkMetadataRetriever.EndorsementsOf(configuration, kid);
        return string.IsNullOrEmpty(activity.ChannelId) || !endorsements.Contains(activity.ChannelId)
            ? TokenCheck.Rejected("signing key is not endorsed for the activity's channel")
            : TokenCheck.Accepted;
    }

    /// <summary>
    /// Keys roll: an unknown kid fetches fresh metadata at once (at most once a minute, so random kids cannot hammer the
    /// metadata host) and asks the ConfigurationManager to refresh too; its own refresh may complete in the background.
    /// </summary>
    private async Task<OpenIdConnectConfiguration> RefreshForUnknownKeyAsync(OpenIdConnectConfiguration current, string? kid, CancellationToken cancellationToken)
    {
        await refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (refreshed is { } known && HasKey(known, kid))
            {
                return known;
            }

            if (time.GetUtcNow() - lastForcedRefresh < MinForcedRefreshInterval)
            {
                return current;
            }

            lastForcedRefresh = time.GetUtcNow();
            metadata.RequestRefresh();
            refreshed = await retriever.GetConfigurationAsync(metadataAddress, documents, cancellationToken);
            return refreshed;
        }
        finally
        {
            refreshGate.Release();
        }
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string? kid) =>
        kid is not null && configuration.SigningKeys.Any(k => k.KeyId == kid);

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = TeamsOptions.BotFrameworkIssuer,
        ValidAudience = options.AppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidLifetime,
    };

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew
            && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }
}
