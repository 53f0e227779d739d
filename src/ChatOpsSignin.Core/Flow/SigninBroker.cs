using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Flow;

/// <summary>The edges' front door: queue new requests, take decisions at once, answer help and status.</summary>
public sealed class SigninBroker(
    SigninQueue queue, ProfileCatalog catalog, IApprovalStore approvals, IAuditLog auditLog, AuditTrail audit, TimeProvider time)
    : ISigninBroker
{
    private static readonly TimeSpan StatusWindow = TimeSpan.FromHours(24);

    public ValueTask SubmitAsync(SigninRequest request, CancellationToken cancellationToken) =>
        queue.EnqueueAsync(new SigninWork.NewRequest(request), cancellationToken);

    public async Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        if (approval.Request.Requester.Id == decider.Id)
        {
            return new DecisionResult(DecisionStatus.SelfApproval, approval, "You cannot decide your own request; another approver must.");
        }

        if (catalog.Find(approval.Request.Profile)?.Approvers is not { } approvers || !approvers.Contains(decider.Id))
        {
            return new DecisionResult(DecisionStatus.NotAnApprover, approval, $"You are not an approver for '{approval.Request.Profile}'.");
        }

        return await TransitionAsync(approval, approve ? ApprovalState.Approved : ApprovalState.Denied, decider, cancellationToken);
    }

    public async Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(id, cancellationToken) is not { } approval)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request.");
        }

        if (approval.Request.Requester.Id != requester.Id)
        {
            return new DecisionResult(DecisionStatus.NotRequester, approval, "Only the person who asked can cancel a request.");
        }

        return await TransitionAsync(approval, ApprovalState.Cancelled, requester, cancellationToken);
    }

    public IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user) => catalog.AllowedFor(user);

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

    private async Task<DecisionResult> TransitionAsync(
        PendingApproval approval, ApprovalState state, ChatUser actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (approval.State == ApprovalState.Pending && now >= approval.ExpiresAt)
        {
            return new DecisionResult(DecisionStatus.Expired, approval, $"This request expired at {approval.ExpiresAt:u}.");
        }

        var (won, current) = await approvals.TryDecideAsync(approval.Request.Id, state, actor, now, cancellationToken);
        if (!won || current is null)
        {
            return new DecisionResult(DecisionStatus.AlreadyDecided, current ?? approval, AlreadyDecided(current ?? approval));
        }

        await audit.RecordAsync(approval.Request, AuditTypeOf(state), e => e with { Actor = actor.Id.Key }, cancellationToken);
        await queue.EnqueueAsync(new SigninWork.DecisionTaken(current), cancellationToken);
        return new DecisionResult(DecisionStatus.Taken, current, $"{Describe(state)} by {actor.Handle}.");
    }

    internal static string AlreadyDecided(PendingApproval approval) => approval.State switch
    {
        ApprovalState.Pending => $"This request expired at {approval.ExpiresAt:u}.",
        ApprovalState.Expired => $"This request expired at {approval.DecidedAt ?? approval.ExpiresAt:u}.",
        _ => $"Already {Describe(approval.State).ToLowerInvariant()} by {approval.DecidedBy?.Handle ?? "someone"} at {approval.DecidedAt:u}.",
    };

    internal static AuditEventType AuditTypeOf(ApprovalState state) => state switch
    {
        ApprovalState.Approved => AuditEventType.Approved,
        ApprovalState.Denied => AuditEventType.Denied,
        ApprovalState.Cancelled => AuditEventType.Cancelled,
        _ => AuditEventType.Expired,
    };

    private static string Describe(ApprovalState state) => state switch
    {
        ApprovalState.Approved => "Approved",
        ApprovalState.Denied => "Denied",
        ApprovalState.Cancelled => "Cancelled",
        _ => "Expired",
    };
}
