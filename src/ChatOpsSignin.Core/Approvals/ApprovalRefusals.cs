using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>The approval rules' "no"s, with stable codes for the audit trail.</summary>
public static class ApprovalRefusals
{
    public static SigninFailure NoChannel(string profile, ChatPlatform platform) => new(
        "no_approval_channel",
        $"Profile '{profile}' needs an approver, but its approvers are not asked on {platform}. Ask from the platform they use, or ask an admin.",
        $"Profiles:{profile}:Approval has no {platform}Channel, so a {platform} request cannot be put to approvers.");

    public static SigninFailure ApproverGone(string profile) => new(
        "approver_not_current",
        $"Your request for '{profile}' was approved by someone who is no longer an approver for it, so nothing was issued. Please ask again.",
        $"The approver of a request for '{profile}' is no longer in its Approvers (or is the requester); nothing was issued.");

    public static readonly SigninFailure ApprovalRequired = new(
        "approval_required",
        "This profile needs an approver; request it from chat.",
        "The profile needs approval, which the CLI cannot ask for.");
}
