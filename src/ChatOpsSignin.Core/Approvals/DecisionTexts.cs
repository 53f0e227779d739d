using ChatOpsSignin.Core.Audit;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>How a decision reads in replies and which audit event it is.</summary>
public static class DecisionTexts
{
    public static string AlreadyDecided(PendingApproval approval) => approval.State switch
    {
        ApprovalState.Pending => $"This request expired at {approval.ExpiresAt:u}.",
        ApprovalState.Expired => $"This request expired at {approval.DecidedAt ?? approval.ExpiresAt:u}.",
        ApprovalState.Approved when approval.Votes.Count > 1 =>
            $"Already approved by {string.Join(", ", approval.Votes.Select(v => v.By.Handle))} at {approval.DecidedAt:u}.",
        _ => $"Already {Describe(approval.State).ToLowerInvariant()} by {approval.DecidedBy?.Handle ?? "someone"} at {approval.DecidedAt:u}.",
    };

    public static AuditEventType AuditTypeOf(ApprovalState state) => state switch
    {
        ApprovalState.Approved => AuditEventType.Approved,
        ApprovalState.Denied => AuditEventType.Denied,
        ApprovalState.Cancelled => AuditEventType.Cancelled,
        _ => AuditEventType.Expired,
    };

    public static string Describe(ApprovalState state) => state switch
    {
        ApprovalState.Approved => "Approved",
        ApprovalState.Denied => "Denied",
        ApprovalState.Cancelled => "Cancelled",
        _ => "Expired",
    };
}
