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

    public static IReadOnlyDictionary<string, string> For(ChatUser requester, ChatUser? approver, ProfileOptions profile)
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

        return tags;
    }
}
