using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.Teams.Inbound;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// The Bot Connector v3 REST calls the bot makes, always against a serviceUrl taken from a validated activity.
/// Retries live in the HTTP client's resilience handler (<see cref="ConnectorResilience"/>: 429/412 always, gateway
/// errors and timeouts only for idempotent calls); every failure surfaces as a <see cref="ConnectorException"/>.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference.
/// </summary>
internal sealed partial class BotConnectorClient(
    IHttpClientFactory httpClients, ConnectorTokenProvider tokens, ServiceUrlPolicy serviceUrls, ILogger<BotConnectorClient> logger)
{
    public const string HttpClientName = "teams-connector";

    /// <summary>POST a new activity, or a threaded reply when <paramref name="replyToId"/> is given. Returns the new activity id.</summary>
    public async Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, string? replyToId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"
            + (replyToId is null ? string.Empty : "/" + Uri.EscapeDataString(replyToId));
        using var response = await CallAsync("send", HttpMethod.Post, serviceUrl, path, activity, cancellationToken);
        return await IdOfAsync(response, cancellationToken) ?? replyToId ?? string.Empty;
    }

    /// <summary>PUT a full replacement of an activity the bot sent.</summary>
    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        activity["id"] = activityId;
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        using var response = await CallAsync("update", HttpMethod.Put, serviceUrl, path, activity, cancellationToken);
    }

    /// <summary>Opens (or finds) the 1:1 chat between the bot and a user. 403 BotNotInConversationRoster: app not installed for the user.</summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["isGroup"] = false,
            ["tenantId"] = tenantId,
        };
        using var response = await CallAsync("create_conversation", HttpMethod.Post, serviceUrl, "v3/conversations", body, cancellationToken);
        return await IdOfAsync(response, cancellationToken)
            ?? throw new ConnectorException("The connector created a conversation but returned no id.");
    }

    /// <summary>GET one member of a conversation (Teams adds userPrincipalName and email).</summary>
    public async Task<ConversationMember?> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(userId)}";
        using var response = await CallAsync("get_member", HttpMethod.Get, serviceUrl, path, null, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ConversationMember>(Activity.Json, cancellationToken);
    }

    private async Task<HttpResponseMessage> CallAsync(string operation, HttpMethod method, string serviceUrl, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        if (!serviceUrls.IsAllowed(serviceUrl))
        {
            throw new ConnectorException($"The serviceUrl host is not allowed; add it to Teams:AllowedServiceUrlHosts if it is a genuine Bot Connector host.");
        }

        var token = await tokens.GetTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Activity.Json);
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = await ErrorCodeAsync(response, cancellationToken);
            ClientTelemetry.Failed("teams", operation, (int)response.StatusCode, code);
            Log.CallFailed(logger, method.Method, (int)response.StatusCode, code);
            var unknown = ConnectorResilience.OutcomeUnknown.Contains(response.StatusCode) && !ConnectorResilience.IsIdempotent(method);
            throw new ConnectorException(response.StatusCode, code, Describe(response.StatusCode, code), unknown);
        }
    }

    /// <summary>Timeouts (Polly's TimeoutRejectedException) and transport errors become a typed ConnectorException.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var unknown = !ConnectorResilience.IsIdempotent(request.Method);
        try
        {
            return await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            Log.CallTimedOut(logger, request.Method.Method);
            throw new ConnectorException($"The Bot Connector did not answer a {request.Method.Method} in time.", unknown, e);
        }
        catch (HttpRequestException e)
        {
            Log.CallFailed(logger, request.Method.Method, 0, e.HttpRequestError.ToString());
            throw new ConnectorException($"The Bot Connector could not be reached ({e.HttpRequestError}).", unknown, e);
        }
    }

    private static string Describe(HttpStatusCode status, string? code) => (status, code) switch
    {
        (HttpStatusCode.Forbidden, "BotNotInConversationRoster") =>
            "The bot is not installed for this user (403 BotNotInConversationRoster): install the app for the user (personal scope), then ask again.",
        (HttpStatusCode.Forbidden, _) => $"The Bot Connector refused the call (403 {code}): the bot may be blocked, disabled by an admin, or not in this conversation.",
        (HttpStatusCode.RequestEntityTooLarge, _) => "The message is too big for Teams (413 MessageSizeTooBig).",
        (HttpStatusCode.Unauthorized, _) => $"The Bot Connector rejected the bot's token (401 {code}): check the app registration (Teams:AppId, Teams:TenantId).",
        (HttpStatusCode.NotFound, _) => $"The conversation or activity no longer exists (404 {code}).",
        _ => $"The Bot Connector answered {(int)status} {code}.",
    };

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> IdOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Method} call failed: HTTP {Status} {Code}")]
        public static partial void CallFailed(ILogger logger, string method, int status, string? code);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Method} call timed out")]
        public static partial void CallTimedOut(ILogger logger, string method);
    }
}

/// <summary>A conversation member as Teams returns it (<c>TeamsChannelAccount</c>).</summary>
internal sealed record ConversationMember(string? Id, string? Name, string? AadObjectId, string? UserPrincipalName, string? Email);
