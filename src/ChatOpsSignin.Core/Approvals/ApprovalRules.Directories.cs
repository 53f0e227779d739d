using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>The decider check and the re-check at issue time, with directory-backed sets (which may refuse when a directory is down).</summary>
public sealed partial class ApprovalRules
{
    /// <summary>As <see cref="RefuseDecider"/>, asking the directories for approver groups; a directory that cannot answer refuses.</summary>
    public async Task<DecisionResult?> RefuseDeciderAsync(PendingApproval approval, ChatUser decider, CancellationToken cancellationToken)
    {
        if (RefuseDecider(approval, decider) is not { Status: DecisionStatus.NotAnApprover } refused
            || catalog.Find(approval.Request.Profile)?.Approvers is not { } approvers)
        {
            return RefuseDecider(approval, decider);
        }

        var answer = await approvers.ContainsAsync(decider.Id, cancellationToken);
        if (answer.Unavailable is { } why)
        {
            return refused with { Message = $"The directory of approvers for '{approval.Request.Profile}' could not be reached ({why}); try again later." };
        }

        return answer.IsMember ? RefuseLate(approval) : refused;
    }

    /// <summary>As <see cref="RecheckAtIssue"/>, asking the directories for directory-backed allow and approver sets.</summary>
    public async Task<Outcome<ProfileCatalog.Entry>> RecheckAtIssueAsync(
        SigninRequest request, ChatUser? approver, IReadOnlyList<ChatUser>? quorum, CancellationToken cancellationToken)
    {
        var plain = RecheckAtIssue(request, approver, quorum);
        if (plain.Succeeded || catalog.Find(request.Profile) is not { } profile)
        {
            return plain;
        }

        var allowed = await profile.Allow.ContainsAsync(request.Requester.Id, cancellationToken);
        if (!allowed.IsMember)
        {
            return allowed.Unavailable is { } why ? DirectoryRefusals.Unavailable(profile.Name, why) : PolicyRefusals.NotAllowed(profile.Name);
        }

        if (profile.Approvers is not { } approvers)
        {
            return profile;
        }

        IReadOnlyList<ChatUser> deciders = quorum is { Count: > 0 } ? quorum : approver is null ? [] : [approver];
        if (deciders.Count == 0 || deciders.Any(d => PersonOf(d.Id) == PersonOf(request.Requester.Id)))
        {
            return ApprovalRefusals.ApproverGone(profile.Name);
        }

        foreach (var decider in deciders)
        {
            var approves = await approvers.ContainsAsync(decider.Id, cancellationToken);
            if (!approves.IsMember)
            {
                return approves.Unavailable is { } down ? DirectoryRefusals.Unavailable(profile.Name, down) : ApprovalRefusals.ApproverGone(profile.Name);
            }
        }

        return profile;
    }
}
