using System.Text.Json;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Slack.Interactivity;

/// <summary>
/// The parts of a <c>block_actions</c> payload the bot reads: the clicker (user.id with user.team_id, or team.id), the
/// first action's id and value, and the response_url. See https://docs.slack.dev/reference/interaction-payloads/block_actions-payload.
/// </summary>
public sealed record BlockAction(ChatUser Clicker, string ActionId, string? Value, string? ResponseUrl)
{
    /// <summary>Null when the payload is not a well-formed block_actions payload.</summary>
    public static BlockAction? Parse(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object
            || String(payload, "type") != "block_actions"
            || !payload.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object
            || String(user, "id") is not { Length: > 0 } userId || userId.Contains('/', StringComparison.Ordinal)
            || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array
            || actions.GetArrayLength() == 0 || actions[0].ValueKind != JsonValueKind.Object
            || String(actions[0], "action_id") is not { Length: > 0 } actionId)
        {
            return null;
        }

        var team = String(user, "team_id")
            ?? (payload.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "id") : null);
        if (string.IsNullOrEmpty(team) || team.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // Enterprise Grid: enterprise.id (null outside a Grid) makes the identity enterprise + user.
        var enterprise = payload.TryGetProperty("enterprise", out var grid) && grid.ValueKind == JsonValueKind.Object ? String(grid, "id") : null;
        if (enterprise is not null && (enterprise.Length == 0 || enterprise.Contains('/', StringComparison.Ordinal)))
        {
            enterprise = null;
        }

        var handle = String(user, "username") ?? String(user, "name") ?? userId;
        return new BlockAction(new ChatUser(ChatUserId.Slack(team, userId, enterprise), handle), actionId, String(actions[0], "value"), String(payload, "response_url"));
    }

    public static string? Type(JsonElement payload) => payload.ValueKind == JsonValueKind.Object ? String(payload, "type") : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
