using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace ChatOpsSignin.Core.Identity;

/// <summary>
/// A chat user keyed by the platform's immutable ids: <c>slack:{team_id}/{user_id}</c> or
/// <c>teams:{tenant_id}/{aadObjectId}</c>. Display names are never part of the key.
/// Ids are opaque strings (the Agents Playground's ids are not GUIDs); only '/' is forbidden in the tenant part.
/// <para>
/// Slack Enterprise Grid: on an org-wide install one user shows up under several team ids, so when the payload carries
/// an <c>enterprise_id</c> the identity is the enterprise plus the user id (<see cref="Tenant"/> is the enterprise) and
/// the workspace the request came from rides along in <see cref="Workspace"/>. Equality and <see cref="StableKey"/>
/// ignore the workspace; <see cref="Key"/> (what the stores persist) keeps it as a third segment,
/// <c>slack:E…/U…/T…</c>, so a request read back still matches <c>slack:T…/U…</c> and <c>slack:T…/*</c> entries.
/// </para>
/// </summary>
public readonly record struct ChatUserId(ChatPlatform Platform, string Tenant, string User)
{
    /// <summary>The Grid workspace (team id) a request came from, when <see cref="Tenant"/> is an enterprise id.</summary>
    public string? Workspace { get; init; }

    /// <summary>The identity that never changes across the workspaces of one Grid: <c>slack:E…/U…</c> or the plain key.</summary>
    [JsonIgnore]
    public string StableKey => $"{Prefix(Platform)}:{Tenant}/{User}";

    /// <summary>The stable key, plus the Grid workspace when known. Parses back to an equal id with the same workspace.</summary>
    public string Key => Workspace is null ? StableKey : $"{StableKey}/{Workspace}";

    /// <summary>The key under the workspace the request came from (<c>slack:T…/U…</c>), or the stable key outside a Grid.</summary>
    [JsonIgnore]
    public string WorkspaceKey => Workspace is null ? StableKey : $"{Prefix(Platform)}:{Workspace}/{User}";

    public override string ToString() => Key;

    public bool Equals(ChatUserId other) =>
        Platform == other.Platform
        && string.Equals(Tenant, other.Tenant, StringComparison.Ordinal)
        && string.Equals(User, other.User, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Platform, StringComparer.Ordinal.GetHashCode(Tenant ?? string.Empty), StringComparer.Ordinal.GetHashCode(User ?? string.Empty));

    /// <summary>A Slack user; with <paramref name="enterpriseId"/> (Grid) the identity is the enterprise plus the user.</summary>
    public static ChatUserId Slack(string teamId, string userId, string? enterpriseId = null) =>
        string.IsNullOrWhiteSpace(enterpriseId) || string.Equals(enterpriseId, teamId, StringComparison.Ordinal)
            ? new(ChatPlatform.Slack, teamId, userId)
            : new(ChatPlatform.Slack, enterpriseId, userId) { Workspace = teamId };

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

        var user = key[(slash + 1)..];
        string? workspace = null;
        var second = user.IndexOf('/', StringComparison.Ordinal);
        if (platform == ChatPlatform.Slack && second >= 0)
        {
            // slack:E…/U…/T…: a Grid identity read back with the workspace it came from.
            workspace = user[(second + 1)..];
            user = user[..second];
            if (user.Length == 0 || workspace.Length == 0 || workspace.Contains('/', StringComparison.Ordinal))
            {
                return false;
            }
        }

        id = new ChatUserId(platform.Value, key[(colon + 1)..slash], user) { Workspace = workspace };
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
