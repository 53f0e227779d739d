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

    /// <summary>A click-through link (<c>/go/&lt;id&gt;</c>) was opened: Reason holds the source address and user agent.</summary>
    LinkOpened,
}
