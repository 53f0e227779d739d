using System.Text.Json.Nodes;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// User groups: <c>usergroups.users.list</c> (https://docs.slack.dev/reference/methods/usergroups.users.list: the whole
/// list, no cursor; <c>no_such_subteam</c> for an unknown id), deactivated users (<c>users.info</c> <c>deleted: true</c>),
/// and the <c>subteam_members_changed</c> / <c>subteam_updated</c> events a test pushes (Socket Mode or HTTP).
/// </summary>
public sealed partial class SlackStandIn
{
    private readonly Dictionary<string, List<string>> userGroups = new(StringComparer.Ordinal);
    private readonly HashSet<string> deletedUsers = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces user group <paramref name="id"/> (S…) with these members.</summary>
    public void SetUserGroup(string id, params string[] members)
    {
        lock (gate)
        {
            userGroups[id] = [.. members];
        }
    }

    /// <summary>Deactivates a user: users.info answers <c>deleted: true</c>; user groups may still list them.</summary>
    public void Deactivate(string userId)
    {
        lock (gate)
        {
            deletedUsers.Add(userId);
        }
    }

    /// <summary>The <c>event_callback</c> Slack sends when members join or leave a user group.</summary>
    public static JsonObject SubteamMembersChanged(string subteamId, string[] added, string[] removed, string teamId = TeamId) =>
        Callback(teamId, new JsonObject
        {
            ["type"] = "subteam_members_changed",
            ["subteam_id"] = subteamId,
            ["team_id"] = teamId,
            ["date_previous_update"] = 1446670362,
            ["date_update"] = 1492906952,
            ["added_users"] = new JsonArray([.. added.Select(a => (JsonNode)a)]),
            ["added_users_count"] = added.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["removed_users"] = new JsonArray([.. removed.Select(r => (JsonNode)r)]),
            ["removed_users_count"] = removed.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>The <c>event_callback</c> Slack sends when a user group is changed (its <c>subteam</c> object).</summary>
    public static JsonObject SubteamUpdated(string subteamId, string teamId = TeamId) =>
        Callback(teamId, new JsonObject
        {
            ["type"] = "subteam_updated",
            ["subteam"] = new JsonObject { ["id"] = subteamId, ["team_id"] = teamId, ["is_usergroup"] = true, ["handle"] = "sre" },
        });

    private static JsonObject Callback(string teamId, JsonObject @event) => new()
    {
        ["token"] = "unused-verification-token",
        ["team_id"] = teamId,
        ["api_app_id"] = AppId,
        ["type"] = "event_callback",
        ["event_id"] = "Ev" + NewId(6),
        ["event_time"] = 1_700_000_000,
        ["event"] = @event,
    };

    private JsonObject UserGroupUsers(JsonObject args)
    {
        if (Arg(args, "usergroup") is not { } id || !userGroups.TryGetValue(id, out var members))
        {
            return Error("no_such_subteam");
        }

        return Ok(new JsonObject { ["users"] = new JsonArray([.. members.Select(m => (JsonNode)m)]) });
    }
}
