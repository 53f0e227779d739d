using System.Text.Json.Nodes;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>What Slack sends to an app: slash-command forms and block_actions payloads, for HTTP or Socket Mode.</summary>
public static class SlackPayloads
{
    /// <summary>Slash-command fields (same names in the HTTP form and the Socket Mode payload).</summary>
    public static Dictionary<string, string> SlashCommand(string teamId, string userId, string text, Uri? responseUrl, string userName = "someone", string channelId = "C0GENERAL") => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = teamId,
        ["team_domain"] = "standin",
        ["channel_id"] = channelId,
        ["channel_name"] = "general",
        ["user_id"] = userId,
        ["user_name"] = userName,
        ["command"] = "/aws-console",
        ["text"] = text,
        ["response_url"] = responseUrl?.AbsoluteUri ?? string.Empty,
        ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
        ["api_app_id"] = SlackStandIn.AppId,
    };

    public static FormUrlEncodedContent SlashCommandForm(IDictionary<string, string> fields) => new(fields);

    public static JsonObject SlashCommandJson(IDictionary<string, string> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value))));

    /// <summary>A button click as Slack sends it (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload).</summary>
    public static JsonObject BlockActions(string teamId, string userId, string userName, string actionId, string value, Uri? responseUrl, string channelId = "C0APPROVALS") => new()
    {
        ["type"] = "block_actions",
        ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
        ["api_app_id"] = SlackStandIn.AppId,
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = userName, ["name"] = userName, ["team_id"] = teamId },
        ["team"] = new JsonObject { ["id"] = teamId, ["domain"] = "standin" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = channelId, ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "approvals" },
        ["response_url"] = responseUrl?.AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "approval:" + value,
            ["value"] = value,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = actionId },
            ["action_ts"] = "1700000001.000200",
        }),
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
    };

    public static FormUrlEncodedContent InteractivityForm(JsonObject payload) =>
        new([KeyValuePair.Create("payload", payload.ToJsonString())]);
}
