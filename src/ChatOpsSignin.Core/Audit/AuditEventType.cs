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
    Error,
}
