using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.StandIns.Teams;

/// <summary>The Entra ID side: per-tenant v2.0 OpenID metadata and Entra-issued (v1 or v2) tokens for the bot.</summary>
public sealed partial class BotFrameworkIdentityStandIn
{
    // One key for every tenant, as in Entra: a validly signed token from another tenant is what a bot must refuse.
    private readonly RsaSecurityKey entraKey = NewKey("entra-1");
    private int entraMetadataRequests;

    /// <summary>Entra token versions: v1 issuer <c>https://sts.windows.net/{tid}/</c>, v2 <c>https://login.microsoftonline.com/{tid}/v2.0</c>.</summary>
    public enum EntraVersion
    {
        V1,
        V2,
    }

    /// <summary>With the <c>{TenantId}</c> placeholder, as in <c>Teams:EntraOpenIdMetadataUrl</c>.</summary>
    public string EntraMetadataUrl => BaseUrl.AbsoluteUri + "{TenantId}/v2.0/.well-known/openid-configuration";

    public int EntraMetadataRequests => entraMetadataRequests;

    public static string EntraIssuer(string tenant, EntraVersion version) => version == EntraVersion.V1
        ? $"https://sts.windows.net/{tenant}/"
        : $"https://login.microsoftonline.com/{tenant}/v2.0";

    /// <summary>
    /// An Entra-issued token for the bot from <paramref name="issuerTenant"/>, signed with the shared Entra key.
    /// <paramref name="tid"/> defaults to the issuer's tenant; pass <see cref="string.Empty"/> to leave it out.
    /// </summary>
    public string MintEntraToken(
        string audience, string issuerTenant, EntraVersion version = EntraVersion.V2, string? tid = null, string? serviceUrl = null, DateTimeOffset? expires = null)
    {
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object> { ["ver"] = version == EntraVersion.V1 ? "1.0" : "2.0" };
        if ((tid ?? issuerTenant) is { Length: > 0 } tenant)
        {
            claims["tid"] = tenant;
        }

        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return Mint(entraKey, EntraIssuer(issuerTenant, version), audience, expires ?? now.AddHours(1), now.AddMinutes(-1), claims);
    }

    private IResult EntraMetadata(string tenant)
    {
        Interlocked.Increment(ref entraMetadataRequests);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
            ["authorization_endpoint"] = $"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = new Uri(BaseUrl, $"{tenant}/oauth2/v2.0/token").AbsoluteUri,
            ["jwks_uri"] = new Uri(BaseUrl, $"{tenant}/discovery/v2.0/keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        });
    }

    private IResult EntraJwks()
    {
        var p = entraKey.Rsa.ExportParameters(false);
        return Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = entraKey.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                },
            },
        });
    }
}
