using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
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
    IApprovalStore approvals,
    ApprovalRules rules,
    ProfileCatalog catalog,
    IAuditLog auditLog,
    AuditTrail audit,
    IOptions<WorkOptions> options,
    TimeProvider time)
    : ISigninBroker
{
    private static readonly TimeSpan StatusWindow = TimeSpan.FromHours(24);

    public async Task<SubmitResult> SubmitAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        if (!pump.TryReserve())
        {
            return SubmitResult.Busy;
        }

        try
        {
            var leased = await work.TryAddAsync(WorkItem.New(request), pump.Owner, time.GetUtcNow() + options.Value.LeaseDuration, cancellationToken)
                ?? throw new InvalidOperationException($"Request id {request.Id} is already recorded.");
            pump.RunReserved(leased);
            return SubmitResult.Accepted;
        }
        catch
        {
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

        return await rules.RefuseDeciderAsync(approval, decider, cancellationToken)
            ?? await TransitionAsync(approval, approve ? ApprovalState.Approved : ApprovalState.Denied, decider, cancellationToken);
    }

    public async Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        return rules.RefuseCanceller(approval, requester)
            ?? await TransitionAsync(approval, ApprovalState.Cancelled, requester, cancellationToken);
    }

    public IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user) => catalog.AllowedFor(user);

    public Task<IReadOnlyList<ProfileSummary>> ProfilesForAsync(ChatUserId user, CancellationToken cancellationToken) =>
        catalog.AllowedForAsync(user, cancellationToken);

    public async Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken)
    {
        var events = await auditLog.QueryAsync(new AuditQuery(time.GetUtcNow() - StatusWindow, user.Key), cancellationToken);
        return events
            .Where(e => e.Requester == user.Key)
            .GroupBy(e => e.RequestId)
            .Select(g => (First: g.First(), Last: g.Last()))
            .Select(p => new RequestStatus(p.Last.RequestId, p.First.Profile ?? "?", p.Last.Type, p.Last.At, p.Last.Actor))
            .OrderByDescending(s => s.At)
            .Take(10)
            .ToList();
    }

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
