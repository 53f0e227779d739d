using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.StandIns.Teams;

/// <summary>
/// Stands in for login.botframework.com (OpenID metadata + JWKS with <c>endorsements</c>), for the Entra token endpoint
/// (client credentials) and for Entra's per-tenant OpenID metadata (keys shared by every tenant, as in Entra).
/// Tests mint channel tokens with <see cref="MintChannelToken"/> and Entra-issued ones with <see cref="MintEntraToken"/>.
/// </summary>
public sealed partial class BotFrameworkIdentityStandIn : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string ConnectorAudience = "https://api.botframework.com";
    public const string ConnectorScope = "https://api.botframework.com/.default";
    public const string GraphAudience = "https://graph.microsoft.com";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly List<SigningKey> keys = [];
    private readonly RsaSecurityKey connectorTokenKey = NewKey("connector");
    private readonly ConcurrentDictionary<string, string> clients = new(StringComparer.Ordinal);
    private int metadataRequests;
    private int tokenRequests;

    private BotFrameworkIdentityStandIn(WebApplication app, Uri baseUrl, TimeProvider time)
    {
        this.app = app;
        BaseUrl = baseUrl;
        this.time = time;
        keys.Add(new SigningKey(NewKey("endorsed-1"), ["msteams", "webchat"]));
        keys.Add(new SigningKey(NewKey("unendorsed-1"), ["webchat"]));
    }

    public Uri BaseUrl { get; }

    public string MetadataUrl => new Uri(BaseUrl, "v1/.well-known/openidconfiguration").AbsoluteUri;

    /// <summary>With the <c>{TenantId}</c> placeholder, as in <c>Teams:TokenEndpoint</c>.</summary>
    public string TokenEndpoint => BaseUrl.AbsoluteUri + "{TenantId}/oauth2/v2.0/token";

    public int MetadataRequests => metadataRequests;

    public int TokenRequests => tokenRequests;

    /// <summary>Lifetime of issued connector tokens (<c>expires_in</c>).</summary>
    public TimeSpan ConnectorTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public static async Task<BotFrameworkIdentityStandIn> StartAsync(TimeProvider? time = null)
    {
        BotFrameworkIdentityStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackServer.StartAsync(a =>
        {
            a.MapGet("/v1/.well-known/openidconfiguration", () => standIn!.Metadata());
            a.MapGet("/v1/.well-known/keys", () => standIn!.Jwks());
            a.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request) => standIn!.IssueAsync(request));
            a.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => standIn!.EntraMetadata(tenant));
            a.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => standIn!.EntraJwks());
        });
        standIn = new BotFrameworkIdentityStandIn(app, baseUrl, time ?? TimeProvider.System);
        return standIn;
    }

    /// <summary>Accept client credentials for this app id / secret at the token endpoint.</summary>
    public void RegisterClient(string clientId, string secret) => clients[clientId] = secret;

    /// <summary>Publishes a new endorsed key (a roll); the next minted tokens use it.</summary>
    public string RollKeys()
    {
        lock (keys)
        {
            var key = new SigningKey(NewKey($"endorsed-{keys.Count + 1}"), ["msteams"]);
            keys.Insert(0, key);
            return key.Key.KeyId;
        }
    }

    /// <summary>A channel → bot token as the Bot Framework would send it.</summary>
    /// <param name="signedByEntra">Sign with an Entra key instead of a Bot Framework one (a key from the wrong source).</param>
    /// <param name="kid">A kid header naming another key than the one that signs (a forged endorsement).</param>
    public string MintChannelToken(
        string audience, string serviceUrl, string? issuer = null, DateTimeOffset? expires = null, bool endorsed = true, bool signedByEntra = false, string? kid = null)
    {
        var now = time.GetUtcNow();
        SigningKey key;
        lock (keys)
        {
            key = keys.First(k => k.Endorsements.Contains("msteams") == endorsed);
        }

        var signer = signedByEntra ? entraKey : key.Key;
        if (kid is not null)
        {
            signer = new RsaSecurityKey(signer.Rsa) { KeyId = kid };
        }

        return Mint(signer, issuer ?? ChannelIssuer, audience, expires ?? now.AddHours(1), now.AddMinutes(-1), new Dictionary<string, object>
        {
            ["serviceurl"] = serviceUrl,
        });
    }

    /// <summary>Whether a bearer token is one this stand-in issued at its token endpoint and still valid.</summary>
    public Task<bool> IsValidConnectorTokenAsync(string token) => IsValidIssuedTokenAsync(token, ConnectorAudience);

    /// <summary>Whether a bearer token is a client-credentials token this stand-in issued for the Graph audience, still valid.</summary>
    public Task<bool> IsValidGraphTokenAsync(string token) => IsValidIssuedTokenAsync(token, GraphAudience);

    private async Task<bool> IsValidIssuedTokenAsync(string token, string audience)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = BaseUrl.AbsoluteUri,
            ValidAudience = audience,
            IssuerSigningKey = connectorTokenKey,
            LifetimeValidator = (_, exp, _, _) => exp is { } e && time.GetUtcNow().UtcDateTime <= e,
        });
        return result.IsValid;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private IResult Metadata()
    {
        Interlocked.Increment(ref metadataRequests);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = new Uri(BaseUrl, "v1/.well-known/keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        });
    }

    private IResult Jwks()
    {
        lock (keys)
        {
            return Results.Json(new
            {
                keys = keys.Select(k =>
                {
                    var p = k.Key.Rsa.ExportParameters(false);
                    return new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = k.Key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                        ["endorsements"] = k.Endorsements,
                    };
                }),
            });
        }
    }

    private async Task<IResult> IssueAsync(HttpRequest request)
    {
        Interlocked.Increment(ref tokenRequests);
        if (!request.HasFormContentType)
        {
            return OAuthError("invalid_request", "Expected application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError("unsupported_grant_type", "Only client_credentials.");
        }

        if (!clients.TryGetValue(form["client_id"].ToString(), out var secret)
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(form["client_secret"].ToString())))
        {
            return OAuthError("invalid_client", "AADSTS7000215: Invalid client secret provided.", StatusCodes.Status401Unauthorized);
        }

        var audience = form["scope"].ToString() switch
        {
            ConnectorScope => ConnectorAudience,
            GraphScope => GraphAudience,
            _ => null,
        };
        if (audience is null)
        {
            return OAuthError("invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
        }

        var now = time.GetUtcNow();
        var token = Mint(connectorTokenKey, BaseUrl.AbsoluteUri, audience, now + ConnectorTokenLifetime, now, new Dictionary<string, object>
        {
            ["appid"] = form["client_id"].ToString(),
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)ConnectorTokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (int)ConnectorTokenLifetime.TotalSeconds,
            ["access_token"] = token,
        });
    }

    private static string Mint(RsaSecurityKey key, string issuer, string audience, DateTimeOffset expires, DateTimeOffset notBefore, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = expires.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private sealed record SigningKey(RsaSecurityKey Key, string[] Endorsements);
}
