using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Directory;

/// <summary>
/// The bot's own app token for Microsoft Graph (client credentials, scope <c>https://graph.microsoft.com/.default</c>)
/// from the same tenant token endpoint as the connector token, cached until shortly before expiry. Never logged.
/// </summary>
internal sealed partial class GraphTokenProvider(
    IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time, ILogger<GraphTokenProvider> logger) : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (cached is { } hit && time.GetUtcNow() < hit.RefreshAt)
        {
            return hit.Token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }

            var value = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = value.AppId ?? string.Empty,
                ["client_secret"] = value.AppPassword ?? string.Empty,
                ["scope"] = TeamsOptions.GraphScope,
            });
            using var response = await httpClients.CreateClient(ConnectorTokenProvider.HttpClientName).PostAsync(value.ResolvedTokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.Refused(logger, (int)response.StatusCode);
                throw new HttpRequestException($"The token endpoint refused a Graph token ({(int)response.StatusCode}).", null, response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn <= 0)
            {
                throw new HttpRequestException("The token endpoint answered without access_token or expires_in.");
            }

            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            cached = (body.AccessToken, time.GetUtcNow() + lifetime - margin);
            return body.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint refused a Microsoft Graph token with HTTP {Status}: check GroupMember.Read.All and the app's credentials")]
        public static partial void Refused(ILogger logger, int status);
    }
}
