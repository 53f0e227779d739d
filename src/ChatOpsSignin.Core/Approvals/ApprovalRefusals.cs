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

    public static SigninFailure ReasonMissing(string profile, string? pattern) => new(
        "reason_required",
        pattern is null
            ? $"Profile '{profile}' needs a reason. Ask again as `{profile} <reason>`."
            : $"Profile '{profile}' needs a reason matching `{pattern}`. Ask again as `{profile} <reason>`, e.g. with a ticket id.",
        $"A request for '{profile}' came without the reason the profile requires.");

    public static SigninFailure ReasonMismatch(string profile, string pattern) => new(
        "reason_mismatch",
        $"Profile '{profile}' needs a reason matching `{pattern}`. Ask again as `{profile} <reason>`, e.g. with a ticket id.",
        $"A request for '{profile}' gave a reason that does not match Approval:ReasonPattern.");
}
