using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot uses, as a typed client. Bearer token per call (bot token, or the app token for
/// <c>apps.connections.open</c>); <c>ok:false</c> becomes a <see cref="SlackApiException"/> carrying Slack's error code.
/// Logs name the method and error code only, never a body or token. See https://docs.slack.dev/apis/web-api/.
/// </summary>
public sealed partial class SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "slack-web-api";

    /// <summary>https://docs.slack.dev/reference/methods/conversations.open: the DM channel id with one user.</summary>
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken)
    {
        using var result = await CallAsync("conversations.open", Json(new JsonObject { ["users"] = userId }), BotToken, idempotent: true, cancellationToken);
        return Property(result.RootElement, "conversations.open", "channel", "id");
    }

    /// <summary>https://docs.slack.dev/reference/methods/chat.postMessage. Not idempotent: never retried on 5xx.</summary>
    public async Task<PostedMessage> PostMessageAsync(string channel, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson();
        body["channel"] = channel;
        body["unfurl_links"] = false;
        body["unfurl_media"] = false;
        using var result = await CallAsync("chat.postMessage", Json(body), BotToken, idempotent: false, cancellationToken);
        return new PostedMessage(Property(result.RootElement, "chat.postMessage", "channel"), Property(result.RootElement, "chat.postMessage", "ts"));
    }

    /// <summary>https://docs.slack.dev/reference/methods/chat.update: replaces text and blocks (same edit twice = same result).</summary>
    public async Task UpdateMessageAsync(PostedMessage target, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson();
        body["channel"] = target.Channel;
        body["ts"] = target.Ts;
        body["blocks"] ??= new JsonArray();
        using var result = await CallAsync("chat.update", Json(body), BotToken, idempotent: true, cancellationToken);
    }

    /// <summary>
    /// https://docs.slack.dev/reference/methods/conversations.history: messages in <paramref name="channel"/> after
    /// <paramref name="oldest"/>, with their metadata (scope im:history for DMs). One page of up to 100 is enough for
    /// the few minutes it is asked about.
    /// </summary>
    public async Task<IReadOnlyList<(string Ts, JsonElement? Metadata)>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("channel", channel),
            new KeyValuePair<string, string>("oldest", (oldest.ToUnixTimeMilliseconds() / 1000.0).ToString("F6", CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("include_all_metadata", "true"),
            new KeyValuePair<string, string>("limit", "100"),
        ]);
        using var result = await CallAsync("conversations.history", form, BotToken, idempotent: true, cancellationToken);
        var found = new List<(string, JsonElement?)>();
        if (result.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.TryGetProperty("ts", out var ts) && ts.GetString() is { } value)
                {
                    found.Add((value, message.TryGetProperty("metadata", out var metadata) ? metadata.Clone() : null));
                }
            }
        }

        return found;
    }

    /// <summary>https://docs.slack.dev/reference/methods/users.info.</summary>
    public async Task<SlackUserInfo> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        // Read methods take form arguments, not JSON.
        var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("user", userId)]);
        using var result = await CallAsync("users.info", form, BotToken, idempotent: true, cancellationToken);
        var user = result.RootElement.GetProperty("user");
        var email = user.TryGetProperty("profile", out var profile) && profile.TryGetProperty("email", out var e) ? e.GetString() : null;
        return new SlackUserInfo(userId, user.TryGetProperty("name", out var name) ? name.GetString() : null, email)
        {
            Deleted = user.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == System.Text.Json.JsonValueKind.True,
        };
    }

    /// <summary>https://docs.slack.dev/reference/methods/apps.connections.open: a single-use WebSocket URL (app token).</summary>
    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var appToken = options.Value.AppToken ?? throw new InvalidOperationException("Slack:AppToken is not set.");
        using var result = await CallAsync("apps.connections.open", null, appToken, idempotent: true, cancellationToken);
        return new Uri(Property(result.RootElement, "apps.connections.open", "url"), UriKind.Absolute);
    }

    /// <summary>https://docs.slack.dev/reference/methods/auth.test: the bot token works (readiness). Throws <see cref="SlackApiException"/>.</summary>
    public async Task AuthTestAsync(CancellationToken cancellationToken)
    {
        using var result = await CallAsync("auth.test", null, BotToken, idempotent: true, cancellationToken);
    }

    /// <summary>Posts to a request's <c>response_url</c> (no token: the URL is its own credential). False when Slack refused it.</summary>
    public async Task<bool> RespondAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body) };
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                ClientTelemetry.Failed("slack", "response_url", (int)response.StatusCode, null);
                Log.ResponseUrlRefused(logger, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            ClientTelemetry.Failed("slack", "response_url", 0, e.GetType().Name);
            Log.ResponseUrlRefused(logger, e.GetType().Name);
            return false;
        }
    }

    private string BotToken => options.Value.BotToken ?? throw new InvalidOperationException("Slack:BotToken is not set.");

    private async Task<JsonDocument> CallAsync(string method, HttpContent? content, string token, bool idempotent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(SlackApiResilience.Idempotent, idempotent);
        request.Content = content;

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw Failed(method, "ratelimited", 429);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failed(method, $"http_{(int)response.StatusCode}", (int)response.StatusCode);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        }
        catch (JsonException)
        {
            throw Failed(method, "invalid_response", (int)response.StatusCode);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.GetString() : null;
            document.Dispose();
            throw Failed(method, error ?? "invalid_response", (int)response.StatusCode);
        }

        return document;
    }

    private SlackApiException Failed(string method, string error, int status)
    {
        ClientTelemetry.Failed("slack", method, status, error);
        Log.CallFailed(logger, method, error);
        return new SlackApiException(method, error);
    }

    private static string Property(JsonElement root, string method, params string[] path)
    {
        var element = root;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                throw new SlackApiException(method, "invalid_response");
            }
        }

        return element.GetString() ?? throw new SlackApiException(method, "invalid_response");
    }

    private static StringContent Json(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
        public static partial void CallFailed(ILogger logger, string method, string error);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A response_url post failed ({Status}); falling back where possible")]
        public static partial void ResponseUrlRefused(ILogger logger, string status);
    }
}
