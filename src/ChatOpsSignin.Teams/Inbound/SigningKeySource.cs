using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// One OpenID metadata document and its JWKS, cached. Refreshed when older than 12 h, and at once for an unknown kid
/// (keys roll), at most once a minute so random kids cannot hammer the metadata host. Every fetch is awaited by the
/// request that needs it: no background refresh outlives a request or the host (a fire-and-forget refresh was what was
/// still running when the test host hung in dispose, issue 8).
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-2-get-the-jwks-document.
/// </summary>
internal sealed class SigningKeySource(string address, IDocumentRetriever documents, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinForcedRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly BotFrameworkMetadataRetriever retriever = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private (OpenIdConnectConfiguration Configuration, DateTimeOffset FetchedAt)? cached;
    private DateTimeOffset lastForcedRefresh = DateTimeOffset.MinValue;

    /// <summary>The current configuration, refreshed first if it is stale or does not know <paramref name="kid"/>.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(string? kid, CancellationToken cancellationToken)
    {
        if (cached is { } hit && Fresh(hit.FetchedAt) && HasKey(hit.Configuration, kid))
        {
            return hit.Configuration;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (cached is { } known && Fresh(known.FetchedAt))
            {
                if (HasKey(known.Configuration, kid) || now - lastForcedRefresh < MinForcedRefreshInterval)
                {
                    return known.Configuration;
                }

                lastForcedRefresh = now;
            }

            var fetched = await retriever.GetConfigurationAsync(address, documents, cancellationToken);
            cached = (fetched, now);
            return fetched;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private bool Fresh(DateTimeOffset fetchedAt) => time.GetUtcNow() - fetchedAt < MaxAge;

    private static bool HasKey(OpenIdConnectConfiguration configuration, string? kid) =>
        kid is not null && configuration.SigningKeys.Any(k => k.KeyId == kid);
}
