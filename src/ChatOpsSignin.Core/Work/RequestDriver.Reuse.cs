using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>An open reuse window: straight to Issue under the original approval, audited with its approvers.</summary>
    private async Task<WorkItem?> ReuseAsync(WorkItem item, PendingApproval reused, CancellationToken cancellationToken)
    {
        var approvers = ApproversOf(reused);
        await audit.RecordAsync(
            item.Request,
            AuditEventType.ApprovalReused,
            e => e with { Actor = QuorumVoting.ActorOf(approvers, reused.DecidedBy), Code = reused.Request.Id.Value },
            cancellationToken);
        return item.Then(WorkStep.Issue, time.GetUtcNow()) with
        {
            State = item.State with { Approver = reused.DecidedBy, Approvers = approvers },
        };
    }
}
