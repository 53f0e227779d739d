using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>
/// Every rule about deciding a request, in one place: who may decide, no self-approval, expiry, and the check at issue
/// time that the requester and the approver still hold their places in the current configuration.
/// </summary>
public sealed partial class ApprovalRules(ProfileCatalog catalog, TimeProvider time)
{
    /// <summary>Why <paramref name="decider"/> may not approve or deny <paramref name="approval"/>, or null when they may.</summary>
    public DecisionResult? RefuseDecider(PendingApproval approval, ChatUser decider)
    {
        if (approval.Request.Requester.Id == decider.Id)
        {
            return new DecisionResult(DecisionStatus.SelfApproval, approval, "You cannot decide your own request; another approver must.");
        }

        if (catalog.Find(approval.Request.Profile)?.Approvers is not { } approvers || !approvers.Contains(decider.Id))
        {
            return new DecisionResult(DecisionStatus.NotAnApprover, approval, $"You are not an approver for '{approval.Request.Profile}'.");
        }

        return RefuseLate(approval);
    }

    /// <summary>Why the requester may not cancel, or null when they may.</summary>
    public DecisionResult? RefuseCanceller(PendingApproval approval, ChatUser requester) =>
        approval.Request.Requester.Id != requester.Id
            ? new DecisionResult(DecisionStatus.NotRequester, approval, "Only the person who asked can cancel a request.")
            : RefuseLate(approval);

    /// <summary>The approval block that applies to a new request, or the refusal when its platform has no approval channel.</summary>
    public Outcome<ApprovalPlan>? PlanFor(SigninRequest request, ProfileCatalog.Entry profile)
    {
        if (profile.Options.Approval is not { } approval)
        {
            return null;
        }

        if (request.Platform == ChatPlatform.Cli)
        {
            return ApprovalRefusals.ApprovalRequired;
        }

        return approval.ChannelFor(request.Platform) is { } channel
            ? new ApprovalPlan(channel, time.GetUtcNow() + approval.Timeout)
            : ApprovalRefusals.NoChannel(profile.Name, request.Platform);
    }

    /// <summary>
    /// At issue time, against the configuration in force now: the profile still exists, the requester is still allowed,
    /// and the approver (if the profile needs one) is still an approver and not the requester.
    /// </summary>
    public Outcome<ProfileCatalog.Entry> RecheckAtIssue(SigninRequest request, ChatUser? approver)
    {
        if (catalog.Find(request.Profile) is not { } profile)
        {
            return PolicyRefusals.UnknownProfile(request.Profile);
        }

        if (!profile.Allow.Contains(request.Requester.Id))
        {
            return PolicyRefusals.NotAllowed(profile.Name);
        }

        if (profile.Approvers is not { } approvers)
        {
            return profile;
        }

        return approver is not null && approver.Id != request.Requester.Id && approvers.Contains(approver.Id)
            ? profile
            : ApprovalRefusals.ApproverGone(profile.Name);
    }

    private DecisionResult? RefuseLate(PendingApproval approval) =>
        approval.State == ApprovalState.Pending && time.GetUtcNow() >= approval.ExpiresAt
            ? new DecisionResult(DecisionStatus.Expired, approval, $"This request expired at {approval.ExpiresAt:u}.")
            : null;
}

/// <summary>Where the approvers of one request are asked, and until when.</summary>
public sealed record ApprovalPlan(string Channel, DateTimeOffset ExpiresAt);
