using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Revocation;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// A revoke's own work item (recorded by <see cref="Revocations"/>): Revoke attaches the Deny for that one session to
/// its role, audits who revoked what and tells the requester; RevokeCleanup, due at the session's longest end, takes the
/// Deny off again, and the item (the mark that refuses an unused click-through link) ends with it.
/// </summary>
public sealed partial class RequestDriver
{
    private async Task<WorkItem?> RevokeAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var revocation = RevocationOf(item);
        var cleanup = item.Then(WorkStep.RevokeCleanup, revocation.KeepUntil);
        if (revocation.Session is not { } session || revocation.Method == SigninMethod.FederationToken)
        {
            var code = revocation.Session is null ? "link_cancelled" : "session_not_ended";
            await audit.RecordAsync(revocation.Event(AuditEventType.SessionRevoked, time.GetUtcNow()) with { Code = code }, cancellationToken);
            await TellRequesterAsync(revocation, delivery, cancellationToken);
            return cleanup;
        }

        // Taken now, after the revoke item is durable: a click that issued credentials later than this found the mark.
        var deniedUpTo = time.GetUtcNow();
        var attempt = await revoker.DenyAsync(
            new RoleSessionDeny(revocation.RequestId, session.RoleArn, session.SessionName, session.SourceIdentity, deniedUpTo, revocation.KeepUntil),
            cancellationToken);
        if (attempt.Retryable)
        {
            throw new RevokeUnavailableException(attempt);
        }

        if (attempt.Status != RevokeAttemptStatus.Done)
        {
            var text = attempt.Status == RevokeAttemptStatus.PolicyFull
                ? RevokeTexts.PolicyFull(revocation, session.RoleArn)
                : RevokeTexts.IamRefused(revocation, session.RoleArn, attempt.Code);
            return await RevokeFailedAsync(item, delivery, attempt.Status == RevokeAttemptStatus.PolicyFull ? "revocation_policy_full" : attempt.Code ?? "iam_refused", text, cancellationToken);
        }

        await audit.RecordAsync(revocation.Event(AuditEventType.SessionRevoked, deniedUpTo), cancellationToken);
        await TellRequesterAsync(revocation, delivery, cancellationToken);
        return cleanup with { State = cleanup.State with { Revocation = revocation with { Denied = true } } };
    }

    /// <summary>The Deny is taken off once the session cannot exist any more; a failure throws and is retried like a link removal.</summary>
    private async Task<WorkItem?> RevokeCleanupAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var revocation = RevocationOf(item);
        if (revocation is not { Denied: true, Session: { } session })
        {
            return null;
        }

        var attempt = await revoker.RemoveAsync(session.RoleArn, revocation.RequestId, cancellationToken);
        if (attempt.Status != RevokeAttemptStatus.Done)
        {
            throw new RevokeUnavailableException(attempt);
        }

        await audit.RecordAsync(revocation.Event(AuditEventType.RevocationRemoved, time.GetUtcNow()) with { Actor = null }, cancellationToken);
        return null;
    }

    /// <summary>
    /// The Deny could not be attached: audited, the revoker is told, and the item ends so the revoke can be asked again
    /// (once an admin made room). No mark is needed: a session exists, so its link was already used (or is a direct one).
    /// </summary>
    private async Task<WorkItem?> RevokeFailedAsync(WorkItem item, IChatDelivery? delivery, string code, string text, CancellationToken cancellationToken)
    {
        var revocation = RevocationOf(item);
        await audit.RecordAsync(revocation.Event(AuditEventType.RevokeRefused, time.GetUtcNow()) with { Code = code }, cancellationToken);
        if (delivery is not null)
        {
            await delivery.NotifyRequesterAsync(item.Request, new RequesterNotice.Refused(new SigninFailure(code, text, text)), cancellationToken);
        }

        return null;
    }

    private async Task<WorkItem?> RevokeGaveUpAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (item.Step == WorkStep.Revoke)
        {
            var revocation = RevocationOf(item);
            var text = RevokeTexts.IamRefused(revocation, revocation.Session?.RoleArn ?? "?", "unavailable");
            return await RevokeFailedAsync(item, deliveries.For(item.Request.Platform), "iam_unavailable", text, cancellationToken);
        }

        await audit.RecordAsync(RevocationOf(item).Event(AuditEventType.RevocationRemovalAbandoned, time.GetUtcNow()) with { Actor = null }, cancellationToken);
        return null;
    }

    private async Task TellRequesterAsync(Revocation.SessionRevocation revocation, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        if (revocation.LinkRef is { } linkRef && deliveries.For(revocation.Requester.Id.Platform) is { } requesterChat)
        {
            await requesterChat.NotifyAtLinkAsync(linkRef, new RequesterNotice.Revoked(RevokeTexts.ToRequester(revocation)), cancellationToken);
        }
        else if (delivery.Platform == revocation.Requester.Id.Platform)
        {
            await delivery.NotifyRequesterAsync(
                new Requests.SigninRequest(revocation.RequestId, revocation.Requester, revocation.Profile, null, string.Empty, revocation.RevokedAt),
                new RequesterNotice.Revoked(RevokeTexts.ToRequester(revocation)),
                cancellationToken);
        }
    }

    private static Revocation.SessionRevocation RevocationOf(WorkItem item) =>
        item.State.Revocation ?? throw new InvalidOperationException($"Work item {item.Id} is at {item.Step} without its revocation.");

    /// <summary>IAM was throttled, answered 5xx or could not be reached: the step is retried with backoff.</summary>
    private sealed class RevokeUnavailableException(RevokeAttempt attempt)
        : Exception($"IAM could not change the role now: {attempt.Code} {attempt.Message}");
}
