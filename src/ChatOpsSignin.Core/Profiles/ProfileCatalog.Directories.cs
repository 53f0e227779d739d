using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>help</c> through directory-backed allow-lists.</summary>
public sealed partial class ProfileCatalog
{
    /// <summary>The profiles <paramref name="user"/> may request, asking the directories; a profile whose directory cannot answer is left out.</summary>
    public async Task<IReadOnlyList<ProfileSummary>> AllowedForAsync(ChatUserId user, CancellationToken cancellationToken)
    {
        var allowed = new List<ProfileSummary>();
        foreach (var entry in entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if ((await entry.Allow.ContainsAsync(user, cancellationToken)).IsMember)
            {
                allowed.Add(new ProfileSummary(entry.Name, entry.Options.Description, entry.Approvers is not null));
            }
        }

        return allowed;
    }
}
