using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary><c>status</c> for requests that wait for approvers: whom they wait for.</summary>
public static class ApprovalStatus
{
    public static async Task<IReadOnlyList<RequestStatus>> WithWaitingForAsync(
        IReadOnlyList<RequestStatus> statuses, IApprovalStore approvals, ApprovalRules rules, CancellationToken cancellationToken)
    {
        var result = new List<RequestStatus>(statuses.Count);
        foreach (var status in statuses)
        {
            if (status.LastStep is AuditEventType.ApprovalRequested or AuditEventType.ApprovalCounted
                && await approvals.GetAsync(status.Id, cancellationToken) is { State: ApprovalState.Pending } pending)
            {
                result.Add(status with { WaitingFor = [.. rules.StillMayDecide(pending).Select(u => u.Id.Key)] });
            }
            else if (await approvals.GetAsync(status.Id, cancellationToken) is { State: ApprovalState.Approved } approved
                && await rules.IsReusableAsync(approved, cancellationToken))
            {
                result.Add(status with { ReuseUntil = rules.ReuseUntil(approved) });
            }
            else
            {
                result.Add(status);
            }
        }

        return result;
    }
}
