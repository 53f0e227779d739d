using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// A set of users named by configuration entries (see <see cref="UserSetEntry"/>), used for allow-lists and approver
/// lists. Matching is on immutable ids only. <see cref="Contains"/> answers the plain keys and wildcards at once;
/// <see cref="ContainsAsync"/> also asks the directories for the directory groups, and fails closed.
/// </summary>
public sealed class UserSet
{
    public const string GroupPrefix = "group:";

    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private readonly HashSet<(ChatPlatform, string)> everyone = [];
    private readonly List<DirectoryGroup> directoryGroups = [];
    private readonly DirectoryLookup? directories;

    public UserSet(IEnumerable<string> entries, IReadOnlyDictionary<string, List<string>> groups, DirectoryLookup? directories = null)
    {
        this.directories = directories;
        foreach (var entry in entries)
        {
            Add(UserSetEntry.Parse(entry), groups);
        }
    }

    /// <summary>How many plain keys, wildcards and directory groups the set names.</summary>
    public int Count => keys.Count + everyone.Count + directoryGroups.Count;

    public IReadOnlyCollection<string> Keys => keys;

    public IEnumerable<(ChatPlatform Platform, string Tenant)> Everyone => everyone;

    public IReadOnlyList<DirectoryGroup> DirectoryGroups => directoryGroups;

    /// <summary>The plain keys and wildcards only; directory groups need <see cref="ContainsAsync"/>.</summary>
    public bool Contains(ChatUserId user) =>
        keys.Contains(user.StableKey)
        || (user.Workspace is { } workspace && (keys.Contains(user.WorkspaceKey) || everyone.Contains((user.Platform, workspace))))
        || everyone.Contains((user.Platform, user.Tenant));

    /// <summary>Plain keys and wildcards first (no I/O), then each directory group; unknown when a directory cannot answer.</summary>
    public async Task<Membership> ContainsAsync(ChatUserId user, CancellationToken cancellationToken)
    {
        if (Contains(user))
        {
            return Membership.Yes;
        }

        string? unavailable = null;
        foreach (var group in directoryGroups)
        {
            if (directories is null)
            {
                unavailable ??= $"no {group.Kind} directory is configured";
                continue;
            }

            var answer = await directories.InGroupAsync(group, user, cancellationToken);
            if (answer.IsMember)
            {
                return Membership.Yes;
            }

            unavailable ??= answer.Unavailable;
        }

        return unavailable is null ? Membership.No : Membership.Unknown(unavailable);
    }

    private void Add(UserSetEntry? entry, IReadOnlyDictionary<string, List<string>> groups, int depth = 0)
    {
        switch (entry)
        {
            case UserSetEntry.User user:
                keys.Add(user.Id.Key);
                break;
            case UserSetEntry.Everybody all:
                everyone.Add((all.Platform, all.Tenant));
                break;
            case UserSetEntry.Directory directory:
                directoryGroups.Add(directory.Group);
                break;
            case UserSetEntry.Named named when depth == 0 && groups.TryGetValue(named.Name, out var members):
                foreach (var member in members)
                {
                    Add(UserSetEntry.Parse(member), groups, depth + 1);
                }

                break;
        }
    }
}
