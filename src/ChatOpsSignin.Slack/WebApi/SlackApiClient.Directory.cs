using System.Text.Json;

namespace ChatOpsSignin.Slack.WebApi;

/// <summary>The directory reads: user group members and whether a user is deleted (deactivated).</summary>
public sealed partial class SlackApiClient
{
    /// <summary>
    /// https://docs.slack.dev/reference/methods/usergroups.users.list (scope <c>usergroups:read</c>): the user ids of a
    /// user group. Slack answers the whole list in one response (no cursor); <c>team_id</c> names the workspace for
    /// org-wide tokens. 429 is retried after Retry-After by the client's one resilience layer.
    /// </summary>
    public async Task<IReadOnlyList<string>> UserGroupMembersAsync(string teamId, string userGroupId, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("usergroup", userGroupId),
            new KeyValuePair<string, string>("team_id", teamId),
        ]);
        using var result = await CallAsync("usergroups.users.list", form, BotToken, idempotent: true, cancellationToken);
        if (!result.RootElement.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
        {
            throw new SlackApiException("usergroups.users.list", "invalid_response");
        }

        return users.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!).ToList();
    }

    /// <summary>https://docs.slack.dev/reference/methods/users.info: the <c>deleted</c> flag (true for deactivated accounts) and the names for <c>check</c>.</summary>
    public async Task<(bool Deleted, string? DisplayName)> GetUserStatusAsync(string userId, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("user", userId)]);
        using var result = await CallAsync("users.info", form, BotToken, idempotent: true, cancellationToken);
        var user = result.RootElement.GetProperty("user");
        var deleted = user.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True;
        var name = user.TryGetProperty("real_name", out var real) && real.ValueKind == JsonValueKind.String ? real.GetString()
            : user.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (deleted, name);
    }
}
