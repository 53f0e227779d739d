using System.Text.Json;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Slack.Commands;

/// <summary>
/// The fields of a slash command the bot uses, from the HTTP form or a Socket Mode payload (same names).
/// The user is keyed by team_id + user_id; user_name is deprecated and never read.
/// See https://docs.slack.dev/interactivity/implementing-slash-commands.
/// </summary>
public sealed record SlashCommand(string TeamId, string UserId, string? ChannelId, string Text, string? ResponseUrl)
{
    /// <summary>Enterprise Grid: <c>enterprise_id</c>, when present the identity is enterprise + user (see <see cref="ChatUserId"/>).</summary>
    public string? EnterpriseId { get; init; }

    /// <summary>Slack's <c>user_name</c> (a display hint, never a key): names whoever revokes in the requester's notice.</summary>
    public string? UserName { get; init; }

    public ChatUserId User => ChatUserId.Slack(TeamId, UserId, EnterpriseId);

    public static SlashCommand? FromFields(Func<string, string?> field)
    {
        var team = field("team_id");
        var user = field("user_id");
        if (string.IsNullOrWhiteSpace(team) || string.IsNullOrWhiteSpace(user) || team.Contains('/', StringComparison.Ordinal)
            || user.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var enterprise = field("enterprise_id");
        return new SlashCommand(team, user, field("channel_id"), field("text") ?? string.Empty, field("response_url"))
        {
            EnterpriseId = string.IsNullOrWhiteSpace(enterprise) || enterprise.Contains('/', StringComparison.Ordinal) ? null : enterprise,
            UserName = field("user_name") is { Length: > 0 and <= 80 } name ? name : null,
        };
    }

    public static SlashCommand? FromForm(IReadOnlyDictionary<string, string> form) =>
        FromFields(name => form.TryGetValue(name, out var value) ? value : null);

    public static SlashCommand? FromJson(JsonElement payload) => payload.ValueKind == JsonValueKind.Object
        ? FromFields(name => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
        : null;
}
