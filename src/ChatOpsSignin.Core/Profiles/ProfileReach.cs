using ChatOpsSignin.Core.Policy;

namespace ChatOpsSignin.Core.Profiles;

/// <summary>
/// <c>check</c>'s "who can reach what": per profile the requesters and approvers with every directory group expanded
/// to its members (with the display names the directory gives), wildcards named as such, and a directory that cannot
/// answer reported as a problem (at request time it would refuse).
/// </summary>
public sealed class ProfileReach(ProfileCatalog catalog, DirectoryLookup directories)
{
    public async Task<IReadOnlyList<Reach>> ExpandAsync(CancellationToken cancellationToken)
    {
        var reaches = new List<Reach>();
        foreach (var entry in catalog.All.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var requesters = await ExpandAsync(entry.Allow, cancellationToken);
            var approvers = entry.Approvers is { } set ? await ExpandAsync(set, cancellationToken) : null;
            var breakGlass = entry.BreakGlass is { } glass ? await ExpandAsync(glass, cancellationToken) : null;
            reaches.Add(new Reach(entry.Name, requesters, approvers) { BreakGlass = breakGlass });
        }

        return reaches;
    }

    private async Task<Expansion> ExpandAsync(UserSet set, CancellationToken cancellationToken)
    {
        var members = new List<Member>();
        foreach (var key in set.Keys.Order(StringComparer.Ordinal))
        {
            members.Add(new Member(key, await NameAsync(key, cancellationToken), "listed"));
        }

        var everyone = set.Everyone.Select(e => $"{(e.Platform == Identity.ChatPlatform.Slack ? "slack" : "teams")}:{e.Tenant}/*").ToList();
        var problems = new List<string>();
        foreach (var group in set.DirectoryGroups)
        {
            try
            {
                foreach (var m in await directories.MembersAsync(group, cancellationToken))
                {
                    var key = group.Kind == DirectoryGroup.EntraGroup ? $"teams:{group.Scope}/{m.UserId}" : $"slack:{group.Scope}/{m.UserId}";
                    members.Add(new Member(key, m.DisplayName ?? await NameAsync(key, cancellationToken), m.Active ? group.Key : $"{group.Key} (disabled: refused)"));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"{group.Key}: the directory could not be read ({exception.GetType().Name}); requests through it are refused");
            }
        }

        return new Expansion(members, everyone, problems);
    }

    private Task<string?> NameAsync(string key, CancellationToken cancellationToken) =>
        Identity.ChatUserId.TryParse(key, out var id) && id.Value.Platform == Identity.ChatPlatform.Slack
            ? directories.DisplayNameAsync(DirectoryGroup.SlackUserGroup, id.Value, cancellationToken)
            : Task.FromResult<string?>(null);

    public sealed record Reach(string Profile, Expansion Requesters, Expansion? Approvers)
    {
        /// <summary>Who may <c>break-glass</c> on the profile; null when it has no break-glass.</summary>
        public Expansion? BreakGlass { get; init; }
    }

    public sealed record Expansion(IReadOnlyList<Member> Members, IReadOnlyList<string> Everyone, IReadOnlyList<string> Problems);

    /// <summary>A user key, the directory's display name if it gave one, and how the user is in the set.</summary>
    public sealed record Member(string Key, string? DisplayName, string Via);
}
