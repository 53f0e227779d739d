using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// A set of users named by configuration entries: user keys (<c>slack:T1/U2</c>) or <c>group:name</c>.
/// Used for allow-lists and approver lists. Matching is on the immutable key only.
/// </summary>
public sealed class UserSet
{
    public const string GroupPrefix = "group:";

    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    public UserSet(IEnumerable<string> entries, IReadOnlyDictionary<string, List<string>> groups)
    {
        foreach (var entry in entries)
        {
            if (entry.StartsWith(GroupPrefix, StringComparison.Ordinal))
            {
                var members = groups.TryGetValue(entry[GroupPrefix.Length..], out var found) ? found : [];
                keys.UnionWith(members.Select(Normalise));
            }
            else
            {
                keys.Add(Normalise(entry));
            }
        }
    }

    public int Count => keys.Count;

    public bool Contains(ChatUserId user) => keys.Contains(user.Key);

    private static string Normalise(string key) => ChatUserId.TryParse(key.Trim(), out var id) ? id.Value.Key : key.Trim();
}
