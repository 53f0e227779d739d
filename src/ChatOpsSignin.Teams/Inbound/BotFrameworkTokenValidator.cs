using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// Validates the inbound token on <c>/api/messages</c> in two steps. <see cref="ValidateAsync"/> runs on the
/// Authorization header alone, before the body is read: an issuer from <see cref="TokenIssuers"/>, signature by a
/// current key of that issuer, audience = App ID, <c>api://botid-{appId}</c> or <c>api://{appId}</c>, lifetime with
/// 5 minutes skew (on the injected clock); for Bot Framework tokens the signing key endorsed for <c>msteams</c>; for
/// Entra tokens <c>tid</c> equal to the issuer's tenant and to Teams:TenantId (Entra keys are shared by all tenants).
/// <see cref="CheckActivity"/> then binds the parsed activity: channel <c>msteams</c>, <c>serviceurl</c> claim =
/// activity serviceUrl. Every rejection is logged with the token's issuer, audience and tid, never the token.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-4-verify-the-jwt-token.
/// </summary>
internal sealed partial class BotFrameworkTokenValidator : IDisposable
{
    public const string HttpClientName = "teams-metadata";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<BotFrameworkTokenValidator> logger;
    private readonly SigningKeySource botFramework;
    private readonly SigningKeySource? entra;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public BotFrameworkTokenValidator(
        IOptions<TeamsOptions> options, TimeProvider time, IHttpClientFactory httpClients, ILogger<BotFrameworkTokenValidator> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        botFramework = KeySource(this.options.MetadataUrl, httpClients);
        entra = this.options.AcceptsEntraTokens ? KeySource(this.options.ResolvedEntraMetadataUrl, httpClients) : null;
    }

    public void Dispose()
    {
        botFramework.Dispose();
        entra?.Dispose();
    }

    /// <summary>Checks the bearer token without looking at the body.</summary>
    public async Task<TokenCheck> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (options.AllowUnauthenticatedLocalClient)
        {
            return TokenCheck.LocalMode;
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Reject("no bearer token", null);
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (!TryRead(raw, out var unverified))
        {
            return Reject("malformed token", null);
        }

        var kind = TokenIssuers.Classify(unverified.Issuer, options);
        if (kind == IssuerKind.NotAccepted)
        {
            return Reject("issuer not accepted", unverified);
        }

        var keys = await (kind == IssuerKind.Entra ? entra! : botFramework).GetAsync(unverified.Kid, cancellationToken);
        var result = await handler.ValidateTokenAsync(raw, Parameters(unverified.Issuer, keys.SigningKeys));
        if (!result.IsValid)
        {
            return Reject(result.Exception?.GetType().Name ?? "invalid token", unverified);
        }

        // The key that verified the signature, not the kid header: with TryAllIssuerSigningKeys off they are the same.
        var signingKid = (result.SecurityToken as JsonWebToken)?.SigningKey?.KeyId;
        if (kind == IssuerKind.BotFramework && !BotFrameworkMetadataRetriever.EndorsementsOf(keys, signingKid).Contains(TokenIssuers.TeamsChannel))
        {
            return Reject("signing key is not endorsed for msteams", unverified);
        }

        var tid = result.Claims.TryGetValue("tid", out var t) ? t as string : null;
        if (kind == IssuerKind.Entra && !TenantMatches(tid, unverified.Issuer))
        {
            return Reject("tid claim does not match the issuer's tenant and Teams:TenantId", unverified);
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        return TokenCheck.Accepted(serviceUrl, serviceUrlClaimRequired: kind == IssuerKind.BotFramework);
    }

    /// <summary>Binds an accepted token to the activity it came with: Teams channel and the signed serviceUrl.</summary>
    public TokenCheck CheckActivity(TokenCheck token, Activity activity)
    {
        if (token.IsLocalMode)
        {
            return token;
        }

        if (!string.Equals(activity.ChannelId, TokenIssuers.TeamsChannel, StringComparison.Ordinal))
        {
            return Reject("the activity's channelId is not msteams", null);
        }

        var matches = token.ServiceUrl is null
            ? !token.ServiceUrlClaimRequired
            : string.Equals(token.ServiceUrl, activity.ServiceUrl, StringComparison.Ordinal);
        return matches ? token : Reject("serviceurl claim does not match the activity's serviceUrl", null);
    }

    private bool TenantMatches(string? tid, string issuer) =>
        tid is not null
        && string.Equals(tid, options.TenantId, StringComparison.OrdinalIgnoreCase)
        && TokenIssuers.EntraIssuers(tid).Contains(issuer, StringComparer.Ordinal);

    private bool TryRead(string raw, out JsonWebToken token)
    {
        token = null!;
        if (!handler.CanReadToken(raw))
        {
            return false;
        }

        try
        {
            token = handler.ReadJsonWebToken(raw);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }

    private TokenCheck Reject(string reason, JsonWebToken? unverified)
    {
        Log.TokenRejected(
            logger,
            reason,
            Shorten(unverified?.Issuer),
            Shorten(unverified is null ? null : string.Join(' ', unverified.Audiences)),
            Shorten(unverified is not null && unverified.TryGetPayloadValue<string>("tid", out var tid) ? tid : null));
        return TokenCheck.Rejected(reason);
    }

    // The claims are unverified and attacker-chosen: bounded, so a huge claim cannot flood the log.
    private static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 128 ? value : value[..128] + "…";

    private TokenValidationParameters Parameters(string issuer, ICollection<SecurityKey> keys) => new()
    {
        ValidIssuer = issuer,
        ValidAudiences = options.InboundAudiences,
        IssuerSigningKeys = keys,
        TryAllIssuerSigningKeys = false,
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

    private SigningKeySource KeySource(string url, IHttpClientFactory httpClients)
    {
        var uri = new Uri(url);
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = !uri.IsLoopback };
        return new SigningKeySource(uri.AbsoluteUri, documents, time);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Teams token: {Reason} (iss {Issuer}, aud {Audience}, tid {TenantId})")]
        public static partial void TokenRejected(ILogger logger, string reason, string issuer, string audience, string tenantId);
    }
}
