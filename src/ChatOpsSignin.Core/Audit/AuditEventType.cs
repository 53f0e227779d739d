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

    /// <summary>A changed <c>Groups</c> / <c>Profiles</c> configuration passed validation and is now in force.</summary>
    ConfigurationApplied,

    /// <summary>A changed configuration failed validation; the one in force stays. <c>Reason</c> names the keys at fault.</summary>
    ConfigurationRefused,

    /// <summary>A break-glass session was issued without approval (Reason: why; Duration: the session asked for).</summary>
    BreakGlassIssued,

    /// <summary>An approver acknowledged a break-glass (Actor: that approver; the first one wins).</summary>
    BreakGlassAcknowledged,

    /// <summary>A break-glass nobody acknowledged was announced again, once.</summary>
    BreakGlassReposted,

    /// <summary>A break-glass was refused (Code: why, e.g. <c>break_glass_not_allowed</c>); nothing was issued.</summary>
    BreakGlassRefused,

    /// <summary>An issued sign-in was revoked (Actor: who revoked; Code: null = Deny on the role, <c>link_cancelled</c> = no session yet, <c>session_not_ended</c> = FederationToken).</summary>
    SessionRevoked,

    /// <summary>A revoke was refused or failed (Actor: who asked; Code: <c>not_permitted</c>, <c>revocation_policy_full</c>, the IAM error…).</summary>
    RevokeRefused,

    /// <summary>A revoked session's Deny statement was taken off its role after the session's longest end.</summary>
    RevocationRemoved,

    /// <summary>The Deny statement could not be taken off after every retry: it is still on the role.</summary>
    RevocationRemovalAbandoned,
}
