using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// Fetches OpenID metadata (Bot Framework or Entra) and its JWKS, and keeps each key's <c>endorsements</c> (the channels the key
/// may sign for), which the standard <see cref="JsonWebKey"/> model does not surface. They are read from the raw JWKS JSON
/// and stored beside the keys, so both refresh together.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot.
/// </summary>
internal sealed class BotFrameworkMetadataRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public const string EndorsementsKey = "chatops:endorsements";

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        var configuration = OpenIdConnectConfiguration.Create(metadata);
        if (string.IsNullOrWhiteSpace(configuration.JwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata at {address} has no jwks_uri.");
        }

        var jwks = await retriever.GetDocumentAsync(configuration.JwksUri, cancel);
        configuration.JsonWebKeySet = new JsonWebKeySet(jwks);
        foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        configuration.AdditionalData[EndorsementsKey] = ReadEndorsements(jwks);
        return configuration;
    }

    public static IReadOnlySet<string> EndorsementsOf(OpenIdConnectConfiguration configuration, string? kid) =>
        kid is not null
        && configuration.AdditionalData.TryGetValue(EndorsementsKey, out var value)
        && value is IReadOnlyDictionary<string, IReadOnlySet<string>> all
        && all.TryGetValue(kid, out var endorsements)
            ? endorsements
            : new HashSet<string>();

    private static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string jwks)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwks);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var endorsements) && endorsements.ValueKind == JsonValueKind.Array)
            {
                result[kid.GetString()!] = endorsements.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
        }

        return result;
    }
}
