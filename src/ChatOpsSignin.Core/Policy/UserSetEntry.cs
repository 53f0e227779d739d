using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// One allow or approver entry, classified: a user key (<c>slack:T…/U…</c>, <c>slack:E…/U…</c>, <c>teams:&lt;tenant&gt;/&lt;oid&gt;</c>),
/// everyone of a workspace or tenant (<c>slack:T…/*</c>, <c>teams:&lt;tenant&gt;/*</c>), a directory group
/// (<c>slack-usergroup:T…/S…</c>, <c>entra-group:&lt;tenant&gt;/&lt;group object id&gt;</c>) or <c>group:&lt;name&gt;</c>.
/// </summary>
public abstract record UserSetEntry
{
    public const string Everyone = "*";

    public sealed record User(ChatUserId Id) : UserSetEntry;

    public sealed record Everybody(ChatPlatform Platform, string Tenant) : UserSetEntry;

    public sealed record Directory(DirectoryGroup Group) : UserSetEntry;

    public sealed record Named(string Name) : UserSetEntry;

    /// <summary>Null when <paramref name="entry"/> is none of the accepted forms.</summary>
    public static UserSetEntry? Parse(string? entry)
    {
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith(UserSet.GroupPrefix, StringComparison.Ordinal))
        {
            return text.Length > UserSet.GroupPrefix.Length ? new Named(text[UserSet.GroupPrefix.Length..]) : null;
        }

        if (DirectoryGroup.TryParse(text) is { } group)
        {
            return new Directory(group);
        }

        if (!ChatUserId.TryParse(text, out var id) || id.Value.Platform == ChatPlatform.Cli || id.Value.Workspace is not null)
        {
            return null;
        }

        return id.Value.User == Everyone ? new Everybody(id.Value.Platform, id.Value.Tenant) : new User(id.Value);
    }
}
