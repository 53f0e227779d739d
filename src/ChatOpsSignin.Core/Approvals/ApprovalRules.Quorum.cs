using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

public sealed partial class ApprovalRules
{
    /// <summary>Who this user is across chat identities (<c>Identities</c>), for the quorum and the four-eyes rule.</summary>
    public string PersonOf(ChatUserId user) => people.Of(user);

    /// <summary>
    /// The approvers who may still decide: the profile's approvers (user keys and <c>group:</c> members), less the requester
    /// and everyone who has approved, one identity per person. Entries that name no single user are left out.
    /// </summary>
    public ValueList<ChatUser> StillMayDecide(PendingApproval approval)
    {
        if (!options.Value.Profiles.TryGetValue(approval.Request.Profile, out var profile) || profile.Approval is not { } block)
        {
            return ValueList<ChatUser>.Empty;
        }

        var taken = approval.Votes.Select(v => v.Person).Append(people.Of(approval.Request.Requester.Id)).ToHashSet(StringComparer.Ordinal);
        var left = new List<ChatUser>();
        foreach (var key in Expand(block.Approvers))
        {
            if (ChatUserId.TryParse(key, out var id) && taken.Add(people.Of(id.Value)))
            {
                left.Add(new ChatUser(id.Value, string.Empty));
            }
        }

        return new ValueList<ChatUser>(left);
    }

    /// <summary>Who the prompt mentions: <c>Approval:Notify</c> (else the approvers), less the requester, one identity per person.</summary>
    public ValueList<ChatUser> NotifyFor(PendingApproval approval)
    {
        if (!options.Value.Profiles.TryGetValue(approval.Request.Profile, out var profile) || profile.Approval is not { } block)
        {
            return ValueList<ChatUser>.Empty;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { people.Of(approval.Request.Requester.Id) };
        var notify = new List<ChatUser>();
        foreach (var key in Expand(block.Notify.Count > 0 ? block.Notify : block.Approvers))
        {
            if (ChatUserId.TryParse(key, out var id) && seen.Add(people.Of(id.Value)))
            {
                notify.Add(new ChatUser(id.Value, string.Empty));
            }
        }

        return new ValueList<ChatUser>(notify);
    }

    /// <summary>Every approver of a quorum must still be an approver, and none may be the requester.</summary>
    private Outcome<ProfileCatalog.Entry> RecheckQuorum(SigninRequest request, IReadOnlyList<ChatUser> approvers)
    {
        if (catalog.Find(request.Profile) is not { } profile)
        {
            return PolicyRefusals.UnknownProfile(request.Profile);
        }

        if (!profile.Allow.Contains(request.Requester.Id))
        {
            return PolicyRefusals.NotAllowed(profile.Name);
        }

        if (profile.Approvers is not { } current)
        {
            return profile;
        }

        var requester = people.Of(request.Requester.Id);
        return approvers.All(a => current.Contains(a.Id) && people.Of(a.Id) != requester)
            ? profile
            : ApprovalRefusals.ApproverGone(profile.Name);
    }

    private IEnumerable<string> Expand(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.StartsWith(UserSet.GroupPrefix, StringComparison.Ordinal))
            {
                foreach (var member in options.Value.Groups.GetValueOrDefault(entry[UserSet.GroupPrefix.Length..]) ?? [])
                {
                    yield return member.Trim();
                }
            }
            else
            {
                yield return entry.Trim();
            }
        }
    }
}
