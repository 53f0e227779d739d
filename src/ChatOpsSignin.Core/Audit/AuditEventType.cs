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

    /// <summary>A changed <c>Groups</c> / <c>Profiles</c> configuration passed validation and is now in force.</summary>
    ConfigurationApplied,

    /// <summary>A changed configuration failed validation; the one in force stays. <c>Reason</c> names the keys at fault.</summary>
    ConfigurationRefused,
}
