using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.Core.Work;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Requests;

/// <summary>
/// The edges' and the CLI's way in: record new requests, take decisions at once, answer help and status. It holds no
/// workflow: a recorded request or decision is handed to the <see cref="WorkPump"/>, which runs the <see cref="RequestDriver"/>.
/// </summary>
public sealed class RequestFrontDoor(
    IWorkStore work,
    WorkPump pump,
    RequesterLimit requesterLimit,
    IApprovalStore approvals,
    ApprovalRules rules,
    BreakGlassRules breakGlass,
    ProfileCatalog catalog,
    IAuditLog auditLog,
    AuditTrail audit,
    IOptions<WorkOptions> options,
    TimeProvider time,
    Revocations revocations)
    : ISigninBroker
{
    private static readonly TimeSpan StatusWindow = TimeSpan.FromHours(24);

    public Task<SubmitResult> SubmitAsync(SigninRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request, Task.CompletedTask, cancellationToken);

    public async Task<SubmitResult> SubmitAsync(SigninRequest request, Task startAfter, CancellationToken cancellationToken)
    {
        if (!await requesterLimit.TryAdmitAsync(request, cancellationToken))
        {
            return SubmitResult.TooMany;
        }

        if (!pump.TryReserve())
        {
            return SubmitResult.Busy;
        }

        using var span = SigninTracing.StartSubmit(request, catalog.Find(request.Profile)?.Name ?? SigninTelemetry.UnknownProfile);
        try
        {
            var item = WorkItem.New(request) with { State = new WorkState { TraceParent = SigninTracing.TraceParentOf(span) } };
            var leased = await work.TryAddAsync(item, pump.Owner, time.GetUtcNow() + options.Value.LeaseDuration, cancellationToken)
                ?? throw new InvalidOperationException($"Request id {request.Id} is already recorded.");
            pump.RunReserved(leased, startAfter);
            return SubmitResult.Accepted;
        }
        catch (Exception exception)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            pump.Unreserve();
            throw;
        }
    }

    public async Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        if (approval.IsBreakGlass)
        {
            return NotADecision(approval);
        }

        return await rules.RefuseDeciderAsync(approval, decider, cancellationToken)
            ?? (approve
                ? await ApproveAsync(approval, decider, cancellationToken)
                : await TransitionAsync(approval, ApprovalState.Denied, decider, cancellationToken));
    }

    public async Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        if (approval.IsBreakGlass)
        {
            return NotADecision(approval);
        }

        return rules.RefuseCanceller(approval, requester)
            ?? await TransitionAsync(approval, ApprovalState.Cancelled, requester, cancellationToken);
    }

    public async Task<DecisionResult> AcknowledgeAsync(RequestId id, ChatUser approver, CancellationToken cancellationToken) =>
        await approvals.GetAsync(id, cancellationToken) is { } record
            ? await breakGlass.AcknowledgeAsync(record, approver, cancellationToken)
            : new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");

    public async Task<DecisionResult> EndReuseAsync(RequestId id, ChatUser approver, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        if (rules.RefuseDecider(approval, approver) is { Status: not DecisionStatus.SelfApproval } refused)
        {
            return refused;
        }

        if (!await rules.IsReusableAsync(approval, cancellationToken))
        {
            return new DecisionResult(DecisionStatus.AlreadyDecided, approval, "This approval has no open reuse window.");
        }

        await audit.RecordAsync(approval.Request, AuditEventType.ReuseEnded, e => e with { Actor = approver.Id.Key }, cancellationToken);
        return new DecisionResult(DecisionStatus.Taken, approval, $"Reuse window ended by {approver.Handle}: the next request for '{approval.Request.Profile}' asks again.");
    }

    public async Task<DateTimeOffset?> OpenReuseUntilAsync(PendingApproval approval, CancellationToken cancellationToken) =>
        await rules.IsReusableAsync(approval, cancellationToken) ? rules.ReuseUntil(approval) : null;

    /// <summary>The rules live in <see cref="Revocations"/> (Core/Revocation); this is only the way in.</summary>
    public Task<RevokeResult> RevokeAsync(RequestId id, ChatUser by, string replyTo, CancellationToken cancellationToken) =>
        revocations.RevokeAsync(id, by, replyTo, cancellationToken);

    public IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user) => catalog.AllowedFor(user);

    public Task<IReadOnlyList<ProfileSummary>> ProfilesForAsync(ChatUserId user, CancellationToken cancellationToken) =>
        catalog.AllowedForAsync(user, cancellationToken);

    public async Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken)
    {
        var events = await auditLog.QueryAsync(new AuditQuery(time.GetUtcNow() - StatusWindow, user.Key), cancellationToken);
        var statuses = events
            .Where(e => e.Requester == user.Key)
            .GroupBy(e => e.RequestId)
            .Select(g => (First: g.First(), Last: g.Last()))
            .Select(p => new RequestStatus(p.Last.RequestId, p.First.Profile ?? "?", p.Last.Type, p.Last.At, p.Last.Actor))
            .OrderByDescending(s => s.At)
            .Take(10)
            .ToList();
        return await ApprovalStatus.WithWaitingForAsync(statuses, approvals, rules, cancellationToken);
    }

    /// <summary>
    /// An Approve is a vote (<see cref="QuorumVoting"/>): it counts once per person, and the vote that reaches
    /// <c>Approval:Required</c> approves. Every stored vote wakes the waiting work item, which updates the prompt.
    /// </summary>
    private async Task<DecisionResult> ApproveAsync(PendingApproval approval, ChatUser voter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (result, current) = await QuorumVoting.VoteAsync(approvals, approval, voter, rules.PersonOf(voter.Id), now, cancellationToken);
        switch (result)
        {
            case QuorumVoting.Result.Unknown:
                return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
            case QuorumVoting.Result.AlreadyVoted:
                return new DecisionResult(DecisionStatus.AlreadyVoted, current, $"You have already approved this request ({QuorumVoting.Progress(current!)}).");
            case QuorumVoting.Result.Closed:
                return new DecisionResult(DecisionStatus.AlreadyDecided, current, DecisionTexts.AlreadyDecided(current!));
        }

        var approved = result == QuorumVoting.Result.Approved;
        await audit.RecordAsync(
            approval.Request,
            approved ? AuditEventType.Approved : AuditEventType.ApprovalCounted,
            e => e with { Actor = approved ? QuorumVoting.ActorOf([.. current!.Votes.Select(v => v.By)], voter) : voter.Id.Key },
            cancellationToken);
        if (await work.WakeAsync(approval.Request.Id, WorkStep.AwaitDecision, now, cancellationToken))
        {
            pump.Ring();
        }

        return new DecisionResult(
            DecisionStatus.Taken,
            current,
            approved ? $"Approved by {voter.Handle}." : $"Approval counted: {QuorumVoting.Progress(current!)}. Waiting for more approvers.");
    }

    /// <summary>A break-glass was issued without a decision: approve, deny and cancel do not apply to it.</summary>
    private static DecisionResult NotADecision(PendingApproval breakGlass) => new(
        DecisionStatus.AlreadyDecided,
        breakGlass,
        $"This is a break-glass: it was issued without approval and its session ends at {breakGlass.SessionEndsAt:u}. Approvers acknowledge it with its Acknowledge button.");

    /// <summary>The decision is one conditional store update; then the waiting work item is woken to act on it.</summary>
    private async Task<DecisionResult> TransitionAsync(
        PendingApproval approval, ApprovalState state, ChatUser actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (won, current) = await approvals.TryDecideAsync(approval.Request.Id, state, actor, now, cancellationToken);
        if (!won || current is null)
        {
            return new DecisionResult(DecisionStatus.AlreadyDecided, current ?? approval, DecisionTexts.AlreadyDecided(current ?? approval));
        }

        await audit.RecordAsync(approval.Request, DecisionTexts.AuditTypeOf(state), e => e with { Actor = actor.Id.Key }, cancellationToken);
        if (await work.WakeAsync(approval.Request.Id, WorkStep.AwaitDecision, now, cancellationToken))
        {
            pump.Ring();
        }

        return new DecisionResult(DecisionStatus.Taken, current, $"{DecisionTexts.Describe(state)} by {actor.Handle}.");
    }
}
