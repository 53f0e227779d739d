using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Requests;

/// <summary>The answer to a click. Edges render it; <see cref="Approval"/> is the stored state after the click.</summary>
public sealed record DecisionResult(DecisionStatus Status, PendingApproval? Approval, string Message)
{
    public bool Taken => Status == DecisionStatus.Taken;

    public ChatUser? DecidedBy => Approval?.DecidedBy;
}

public enum DecisionStatus
{
    /// <summary>This click decided the request.</summary>
    Taken,

    UnknownRequest,

    /// <summary>The clicker is the requester (four-eyes rule).</summary>
    SelfApproval,

    NotAnApprover,

    /// <summary>Only the requester may cancel their request.</summary>
    NotRequester,

    /// <summary>Someone else decided first, or it expired or was cancelled.</summary>
    AlreadyDecided,

    Expired,

    /// <summary>This person has already approved (under this or another chat identity); a quorum counts them once.</summary>
    AlreadyVoted,
}
