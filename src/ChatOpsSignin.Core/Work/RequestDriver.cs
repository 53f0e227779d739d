using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// The one driver of a request. Every transition happens here, top-down:
/// <code>
/// Evaluate ──(policy no)──────────────────────────────────────────────> refused
///    │ needs approval                       no approval needed
///    v                                              │
/// PromptApprovers ─> AwaitDecision ─> Decided ──────┴──> Issue ─> RemoveLink ─> done
///                      (expiry)        (denied, expired, cancelled: done)
///
/// Evaluate (break-glass) ─> AnnounceBreakGlass ─> Issue ─> RemoveLink ⇄ RepostBreakGlass ─> done

/// revoke (its own item, rvk_…): Revoke ─> RevokeCleanup (at the session's longest end) ─> done
/// </code>
/// A step runs only under the item's lease, and its outcome is written before the next step starts, so any replica
/// (or this one after a restart) resumes an unfinished request at the step it had reached. Steps are written to be safe
/// to run again after a crash part-way: they check what is already recorded before acting.
/// </summary>
public sealed partial class RequestDriver(
    IWorkStore work,
    IApprovalStore approvals,
    IIssuedLinkStore issuedLinks,
    SigninPolicy policy,
    ProfileCatalog catalog,
    ApprovalRules rules,
    BreakGlassRules breakGlass,
    CredentialIssuers credentials,
    IConsoleLinkFactory links,
    ConsoleTargetRules targets,
    ClickThroughLinks clickThrough,
    IRoleSessionRevoker revoker,
    DeliveryDirectory deliveries,
    AuditTrail audit,
    RefusalAudit refusals,
    IOptions<WorkOptions> options,
    TimeProvider time,
    SigninTelemetry telemetry,
    ILogger<RequestDriver> logger)
{
    private static readonly SigninFailure InternalError = new(
        "internal_error", "Something went wrong on our side; nothing was issued. Please try again.", "A step kept failing; see the log.");

    /// <summary>Runs the leased request step by step until it finishes, sleeps (a later due time) or its lease is lost.</summary>
    public async Task RunAsync(LeasedWork leased, CancellationToken cancellationToken)
    {
        var step = new StepContext(work, time, options.Value.LeaseDuration, leased);
        while (true)
        {
            using var scope = RequestLogScope.Begin(logger, step.Item.Id);
            using var span = SigninTracing.StartStep(step.Item, ProfileLabel(step.Item.Request));
            WorkItem? next;
            using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var heartbeat = step.KeepAliveAsync(leaseLost);
            try
            {
                next = await RunStepAsync(step, leaseLost.Token);
            }
            catch (Exception exception) when (exception is LeaseLostException || (leaseLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
            {
                await step.StopKeepAliveAsync(heartbeat);
                LeaseLost(step.Item);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await step.StopKeepAliveAsync(heartbeat);
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
                next = await FailedAsync(step.Item, exception, cancellationToken);
            }
            finally
            {
                await step.StopKeepAliveAsync(heartbeat);
            }

            if (next is null)
            {
                await work.TryCompleteAsync(step.Lease, cancellationToken);
                return;
            }

            var now = time.GetUtcNow();
            if (next.DueAt > now)
            {
                await work.TryAdvanceAsync(step.Lease, next, keepLeaseUntil: null, cancellationToken);
                return;
            }

            if (!await step.SaveAsync(next, cancellationToken))
            {
                LeaseLost(next);
                return;
            }
        }
    }

    private Task<WorkItem?> RunStepAsync(StepContext step, CancellationToken cancellationToken)
    {
        var item = step.Item;
        if (deliveries.For(item.Request.Platform) is not { } delivery)
        {
            return RefuseAsync(item, null, PolicyRefusals.PlatformOff(item.Request.Platform.ToString()), cancellationToken);
        }

        return item.Step switch
        {
            WorkStep.Evaluate => EvaluateAsync(item, delivery, cancellationToken),
            WorkStep.PromptApprovers => PromptApproversAsync(item, delivery, cancellationToken),
            WorkStep.AwaitDecision => AwaitDecisionAsync(step, delivery, cancellationToken),
            WorkStep.Decided => DecidedAsync(item, delivery, cancellationToken),
            WorkStep.Issue => IssueAsync(step, delivery, cancellationToken),
            WorkStep.RemoveLink => RemoveLinkAsync(item, delivery, cancellationToken),
            WorkStep.AnnounceBreakGlass => AnnounceBreakGlassAsync(item, delivery, cancellationToken),
            WorkStep.RepostBreakGlass => RepostBreakGlassAsync(step, delivery, cancellationToken),
            WorkStep.Revoke => RevokeAsync(item, delivery, cancellationToken),
            WorkStep.RevokeCleanup => RevokeCleanupAsync(item, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown step {item.Step}."),
        };
    }

    /// <summary>Handle, then policy: refused, or on to approval or issue.</summary>
    private async Task<WorkItem?> EvaluateAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var request = item.Request;
        await audit.RecordAsync(request, AuditEventType.Requested, e => e with { Reason = request.Reason }, cancellationToken);
        if (!item.State.HandleResolved)
        {
            var handle = await delivery.ResolveHandleAsync(request, cancellationToken);
            request = request with { Requester = request.Requester with { Handle = handle } };
            item = item with { Request = request, State = item.State with { HandleResolved = true } };
        }

        if (request.BreakGlass)
        {
            return await EvaluateBreakGlassAsync(item, delivery, cancellationToken);
        }

        var started = time.GetTimestamp();
        var granted = await policy.CheckAsync(request, cancellationToken);
        telemetry.Stage("policy", ProfileLabel(request), granted.Succeeded, time.GetElapsedTime(started));
        if (!granted.Succeeded)
        {
            return await RefuseAsync(item, delivery, granted.Failure, cancellationToken);
        }

        if (targets.Refuse(granted.Value.Name, granted.Value.Options, ConsoleTarget.Of(request)) is { } badTarget)
        {
            return await RefuseAsync(item, delivery, badTarget, cancellationToken);
        }

        if (rules.PlanFor(request, granted.Value) is not { } plan)
        {
            return item.Then(WorkStep.Issue, time.GetUtcNow());
        }

        if (!plan.Succeeded)
        {
            return await RefuseAsync(item, delivery, plan.Failure, cancellationToken);
        }

        if (await rules.ReusableApprovalAsync(request, cancellationToken) is { } reused)
        {
            return await ReuseAsync(item, reused, cancellationToken);
        }

        await approvals.TryAddAsync(
            new PendingApproval(request, plan.Value.ExpiresAt, ApprovalState.Pending) { Required = plan.Value.Required }, cancellationToken);
        return item.Then(WorkStep.PromptApprovers, time.GetUtcNow());
    }

    private async Task<WorkItem?> RefuseAsync(WorkItem item, IChatDelivery? delivery, SigninFailure failure, CancellationToken cancellationToken)
    {
        var request = item.Request;
        Finished(request, "refused", failure.Code);
        await refusals.RecordAsync(request, failure.Code, cancellationToken);
        if (delivery is not null)
        {
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(failure), cancellationToken);
        }

        return null;
    }

    /// <summary>A step threw: try it again later with backoff, or give the request up once it has failed too often.</summary>
    private async Task<WorkItem?> FailedAsync(WorkItem item, Exception exception, CancellationToken cancellationToken)
    {
        var attempt = item.Attempt + 1;
        var limit = IsRemoval(item.Step) ? options.Value.MaxRemovalAttempts : options.Value.MaxAttempts;
        telemetry.StepFailed(item.Step.ToString(), gaveUp: attempt >= limit);
        if (attempt < limit)
        {
            Log.StepFailed(logger, exception, item.Id.Value, item.Step, attempt);
            return item with { Attempt = attempt, DueAt = time.GetUtcNow() + Backoff(item.Step, attempt) };
        }

        Log.GaveUp(logger, exception, item.Id.Value, item.Step, attempt);
        return item.Step switch
        {
            WorkStep.RemoveLink => await AbandonRemovalAsync(item, cancellationToken),
            WorkStep.Revoke or WorkStep.RevokeCleanup => await RevokeGaveUpAsync(item, cancellationToken),
            _ => await ReportInternalErrorAsync(item, cancellationToken),
        };
    }

    private async Task<WorkItem?> ReportInternalErrorAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.Request;
        Finished(request, "failed", InternalError.Code);
        await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = InternalError.Code }, cancellationToken);
        if (deliveries.For(request.Platform) is { } delivery)
        {
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(InternalError), cancellationToken);
        }

        return null;
    }

    /// <summary>Taking something away (a link message, a revoke's Deny): nobody waits on it, so it is retried longer and slower.</summary>
    private static bool IsRemoval(WorkStep step) => step is WorkStep.RemoveLink or WorkStep.RevokeCleanup;

    /// <summary>Exponential, jittered: seconds for the request path, minutes for removing a link (the user is not waiting).</summary>
    private static TimeSpan Backoff(WorkStep step, int attempt)
    {
        var unit = IsRemoval(step) ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 6)) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return unit * factor;
    }
}
