using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// Bot → Connector bearer tokens by OAuth client credentials against the single tenant's token endpoint, cached until
/// shortly before expiry. A plain form POST (not MSAL) so a loopback http stand-in can be the authority in tests.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector.
/// </summary>
internal sealed partial class ConnectorTokenProvider(
    IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ConnectorTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "teams-token";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? cached;

    /// <summary>The bearer token, or null in local mode without a password (the playground wants none).</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SendsWithoutToken)
        {
            return null;
        }

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

            var fresh = await FetchAsync(cancellationToken);
            cached = fresh;
            return fresh.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<(string Token, DateTimeOffset RefreshAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = value.AppId ?? string.Empty,
            ["client_secret"] = value.AppPassword ?? string.Empty,
            ["scope"] = TeamsOptions.ConnectorScope,
        });
        using var response = await httpClients.CreateClient(HttpClientName).PostAsync(value.ResolvedTokenEndpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            ClientTelemetry.Failed("teams", "token", (int)response.StatusCode, "TokenRequestFailed");
            Log.TokenRefused(logger, (int)response.StatusCode);
            throw new ConnectorException(response.StatusCode, "TokenRequestFailed",
                $"The token endpoint refused the bot's client credentials ({(int)response.StatusCode}): check Teams:AppId, Teams:AppPassword and Teams:TenantId.");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new ConnectorException("The token endpoint answered without access_token or expires_in.");
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
        var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
        Log.TokenFetched(logger, body.ExpiresIn);
        return (body.AccessToken, time.GetUtcNow() + lifetime - margin);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Fetched a Bot Connector token valid for {ExpiresIn} s")]
        public static partial void TokenFetched(ILogger logger, int expiresIn);

        [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint refused the bot's client credentials with HTTP {Status}")]
        public static partial void TokenRefused(ILogger logger, int status);
    }
}
