using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// Who may revoke an issued sign-in: its requester (under any of their chat identities, see <c>Identities</c>), the
/// approvers of its profile (directory entries included), and the top-level <c>Admins</c>. A directory that cannot
/// answer refuses (fails closed) unless a plain rule already allowed.
/// </summary>
public sealed class RevocationRules(ProfileCatalog catalog, People people)
{
    /// <summary>Why <paramref name="by"/> may not revoke, or null when they may.</summary>
    public async Task<RevokeRefusal?> RefuseAsync(ChatUserId requester, string profile, ChatUserId by, CancellationToken cancellationToken)
    {
        if (requester == by || people.Of(requester) == people.Of(by))
        {
            return null;
        }

        var approvers = catalog.Find(profile)?.Approvers;
        string? unavailable = null;
        foreach (var set in new[] { approvers, catalog.Admins })
        {
            if (set is null)
            {
                continue;
            }

            var answer = await set.ContainsAsync(by, cancellationToken);
            if (answer.IsMember)
            {
                return null;
            }

            unavailable ??= answer.Unavailable;
        }

        return unavailable is { } why
            ? new RevokeRefusal("directory_unavailable", $"The directory that says who may revoke '{profile}' could not be reached ({why}); try again later.")
            : new RevokeRefusal("not_permitted", $"You may not revoke this sign-in: only the requester, the approvers of '{profile}' and admins may.");
    }
}

/// <summary>A revoke that is refused: a code for the audit trail and the words for chat.</summary>
public sealed record RevokeRefusal(string Code, string Message);
