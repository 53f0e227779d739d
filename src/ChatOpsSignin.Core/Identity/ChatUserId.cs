using System.Diagnostics.CodeAnalysis;

namespace ChatOpsSignin.Core.Identity;

/// <summary>
/// A chat user keyed by the platform's immutable ids: <c>slack:{team_id}/{user_id}</c> or
/// <c>teams:{tenant_id}/{aadObjectId}</c>. Display names are never part of the key.
/// Ids are opaque strings (the Agents Playground's ids are not GUIDs); only '/' is forbidden in the tenant part.
/// </summary>
public readonly record struct ChatUserId(ChatPlatform Platform, string Tenant, string User)
{
    public string Key => $"{Prefix(Platform)}:{Tenant}/{User}";

    public override string ToString() => Key;

    public static ChatUserId Slack(string teamId, string userId) => new(ChatPlatform.Slack, teamId, userId);

    public static ChatUserId Teams(string tenantId, string aadObjectId) => new(ChatPlatform.Teams, tenantId, aadObjectId);

    public static bool TryParse(string? key, [NotNullWhen(true)] out ChatUserId? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var slash = colon < 0 ? -1 : key.IndexOf('/', colon + 1);
        if (colon <= 0 || slash < 0 || slash == colon + 1 || slash == key.Length - 1)
        {
            return false;
        }

        ChatPlatform? platform = key[..colon] switch
        {
            "slack" => ChatPlatform.Slack,
            "teams" => ChatPlatform.Teams,
            "cli" => ChatPlatform.Cli,
            _ => null,
        };
        if (platform is null)
        {
            return false;
        }

        id = new ChatUserId(platform.Value, key[(colon + 1)..slash], key[(slash + 1)..]);
        return true;
    }

    public static ChatUserId Parse(string key) =>
        TryParse(key, out var id)
            ? id.Value
            : throw new FormatException($"'{key}' is not a chat user key: expected slack:<team>/<user> or teams:<tenant>/<aadObjectId>.");

    private static string Prefix(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Slack => "slack",
        ChatPlatform.Teams => "teams",
        _ => "cli",
    };
}
