using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Credentials;

/// <summary>
/// Session tags the broker always sets, so CloudTrail and IAM conditions can see who asked and who approved.
/// Tag values only carry immutable user keys (STS value pattern <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]*</c> allows them).
/// </summary>
public static class SessionTags
{
    public const string Platform = "chat-platform";
    public const string User = "chat-user";
    public const string Approver = "chat-approver";

    /// <summary>Under a quorum: every approver's key, see <see cref="ApproverList"/>.</summary>
    public const string Approvers = "chat-approvers";

    /// <summary>"true" on a break-glass session: issued without approval, reviewed afterwards.</summary>
    public const string BreakGlass = "chat-break-glass";

    public static IReadOnlyDictionary<string, string> For(
        ChatUser requester, ChatUser? approver, ProfileOptions profile, IReadOnlyList<ChatUser>? approvers = null, bool breakGlass = false)
    {
        var tags = new Dictionary<string, string>(profile.Tags, StringComparer.Ordinal)
        {
            [Platform] = requester.Id.Platform.ToString().ToLowerInvariant(),
            [User] = requester.Id.Key,
        };
        if (approver is not null)
        {
            tags[Approver] = approver.Id.Key;
        }

        if (approvers is { Count: > 1 })
        {
            tags[Approvers] = ApproverList.Encode(approvers.Select(a => a.Id.Key));
        }

        if (breakGlass)
        {
            tags[BreakGlass] = "true";
        }

        return tags;
    }
}
