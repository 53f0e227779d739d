using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>A request waiting for (or past) its one decision.</summary>
/// <param name="PromptRef">Platform-owned reference to the approval message in the channel, once posted.</param>
public sealed record PendingApproval(
    SigninRequest Request,
    DateTimeOffset ExpiresAt,
    ApprovalState State,
    ChatUser? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? PromptRef = null)
{
    /// <summary>How many distinct people must approve (<c>Approval:Required</c>); fixed when the request is recorded.</summary>
    public int Required { get; init; } = 1;

    /// <summary>The approvals so far, in order; one per person. Denied, cancelled and expired requests keep theirs.</summary>
    public ValueList<ApprovalVote> Votes { get; init; } = ValueList<ApprovalVote>.Empty;

    /// <summary>
    /// A break-glass record: when its session ends. Set, the record waits for an acknowledgement (an approver takes it
    /// to Approved, first one wins) and never for a decision; nothing is issued under it later.
    /// </summary>
    public DateTimeOffset? SessionEndsAt { get; init; }

    public bool IsBreakGlass => SessionEndsAt is not null;

    /// <summary>Not stored: who is mentioned in the prompt (<c>Approval:Notify</c>, else the approvers), filled in by the driver.</summary>
    public ValueList<ChatUser> Notify { get; init; } = ValueList<ChatUser>.Empty;

    /// <summary>Not stored: until when an approval may be reused (<c>Approval:ReuseFor</c>), filled in by the driver for the prompt.</summary>
    public DateTimeOffset? ReuseUntil { get; init; }

    /// <summary>Not stored: who may still approve, filled in by the driver for the prompt (empty when unknown).</summary>
    public ValueList<ChatUser> MayDecide { get; init; } = ValueList<ChatUser>.Empty;
}
