using System.Text.Json;
using ChatOpsSignin.Core.Policy;

namespace ChatOpsSignin.Slack.Directory;

/// <summary>
/// Slack's <c>subteam_updated</c> and <c>subteam_members_changed</c> events (scope <c>usergroups:read</c>) refresh the
/// cached members of that user group before its TTL, whichever workspace or enterprise scope it was configured under.
/// See https://docs.slack.dev/reference/events/subteam_members_changed.
/// </summary>
internal sealed class SubteamEvents(DirectoryLookup directories)
{
    /// <summary>The <c>event</c> object of an <c>event_callback</c>; true when it was a subteam event.</summary>
    public bool Handle(JsonElement callback)
    {
        if (callback.ValueKind != JsonValueKind.Object || !callback.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var id = String(e, "type") switch
        {
            "subteam_members_changed" => String(e, "subteam_id"),
            "subteam_updated" => e.TryGetProperty("subteam", out var s) && s.ValueKind == JsonValueKind.Object ? String(s, "id") : null,
            _ => null,
        };
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        directories.Refresh(DirectoryGroup.SlackUserGroup, id);
        return true;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
