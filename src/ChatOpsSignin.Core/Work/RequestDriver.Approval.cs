using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>Posts the prompt once (a recorded PromptRef means it is out), then waits for the decision.</summary>
    private async Task<WorkItem?> PromptApproversAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var approval = await approvals.GetAsync(request.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Request {request.Id} has no approval record.");
        if (approval.State == ApprovalState.Pending && approval.PromptRef is null)
        {
            var channel = catalog.Find(request.Profile) is { } profile && rules.PlanFor(request, profile) is { Succeeded: true } plan
                ? plan.Value.Channel
                : throw new InvalidOperationException($"Request {request.Id}: the profile or its approval channel is gone.");
            var promptRef = await delivery.PostApprovalPromptAsync(approval with { MayDecide = rules.StillMayDecide(approval), Notify = rules.NotifyFor(approval) }, channel, cancellationToken);
            await approvals.SetPromptRefAsync(request.Id, promptRef, cancellationToken);
            await audit.RecordAsync(request, AuditEventType.ApprovalRequested, e => e with { Reason = request.Reason }, cancellationToken);
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.AwaitingApproval(request.Profile, approval.ExpiresAt), cancellationToken);
        }

        return item.Then(WorkStep.AwaitDecision, time.GetUtcNow());
    }

    /// <summary>Reads only (plus the conditional expiry), so a wake-up that cuts it short is harmless.</summary>
    private async Task<WorkItem?> AwaitDecisionAsync(StepContext step, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var item = step.Item;
        var now = time.GetUtcNow();
        var approval = await approvals.GetAsync(item.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Request {item.Id} has no approval record.");
        if (approval.State != ApprovalState.Pending)
        {
            return item.Then(WorkStep.Decided, now);
        }

        if (now < approval.ExpiresAt)
        {
            item = await ShowVotesAsync(item, approval, delivery, cancellationToken);
            item = await RemindAsync(step, item, approval, delivery, now, cancellationToken);
            var recheck = now + options.Value.ApprovalRecheck;
            return item.Then(WorkStep.AwaitDecision, NextCheck(item, approval, recheck < approval.ExpiresAt ? recheck : approval.ExpiresAt));
        }

        var (won, current) = await approvals.TryDecideAsync(item.Id, ApprovalState.Expired, null, now, cancellationToken);
        if (won && current is not null)
        {
            await audit.RecordAsync(current.Request, AuditEventType.Expired, null, cancellationToken);
        }

        return item.Then(WorkStep.Decided, now);
    }

    /// <summary>Shows the decision on the prompt and to the requester; an approval goes on to issue.</summary>
    private async Task<WorkItem?> DecidedAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var approval = await approvals.GetAsync(item.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Request {item.Id} has no approval record.");
        await delivery.UpdateApprovalPromptAsync(approval with { ReuseUntil = rules.ReuseUntil(approval) }, cancellationToken);
        await delivery.NotifyRequesterAsync(item.Request, new RequesterNotice.Decided(approval.State, approval.DecidedBy), cancellationToken);
        var outcome = approval.State.ToString().ToLowerInvariant();
        if (item.Attempt == 0)
        {
            telemetry.ApprovalWait(ProfileLabel(item.Request), outcome, (approval.DecidedAt ?? time.GetUtcNow()) - item.Request.RequestedAt);
        }

        if (approval.State != ApprovalState.Approved)
        {
            Finished(item.Request, outcome, null);
            return null;
        }

        return item.Then(WorkStep.Issue, time.GetUtcNow()) with
        {
            State = item.State with { Approver = approval.DecidedBy, Approvers = ApproversOf(approval) },
        };
    }
}
