namespace ChatOpsSignin.Core.Approvals;

public enum ApprovalState
{
    Pending,
    Approved,
    Denied,
    Expired,
    Cancelled,
}
