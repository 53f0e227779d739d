namespace ChatOpsSignin.Core.Audit;

public enum AuditEventType
{
    Requested,
    Refused,
    ApprovalRequested,
    Approved,
    Denied,
    Expired,
    Cancelled,
    CredentialsIssued,
    LinkDelivered,
    LinkRemoved,

    /// <summary>A link message could not be removed after every retry: it may still be in chat.</summary>
    LinkRemovalAbandoned,
    Error,

    /// <summary>One approval of a quorum that is not complete yet (Actor: that approver).</summary>
    ApprovalCounted,

    /// <summary>A request issued under an earlier approval's reuse window (Actor: the original approvers; Code: the original request id).</summary>
    ApprovalReused,

    /// <summary>An approver ended a reuse window early (Actor: that approver; RequestId: the approved request).</summary>
    ReuseEnded,

    /// <summary>A click-through link (<c>/go/&lt;id&gt;</c>) was opened: Reason holds the source address and user agent.</summary>
    LinkOpened,
}
