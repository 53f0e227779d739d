using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// The front door's revoke: find what was issued, check who asks, and record the revoke as its own durable work item
/// (step Revoke, then RevokeCleanup at the session's longest end). The item is also the mark that refuses an unused
/// click-through link. IAM is only called by the driver.
/// </summary>
public sealed class Revocations(
    RevocationLookup lookup,
    RevocationRules rules,
    RevocationMarks marks,
    ProfileCatalog catalog,
    IWorkStore work,
    WorkPump pump,
    AuditTrail audit,
    IOptions<WorkOptions> options,
    TimeProvider time)
{
    /// <summary>Clock skew between the bot and AWS, added to the session's longest end before its Deny is removed.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public async Task<RevokeResult> RevokeAsync(RequestId id, ChatUser by, string replyTo, CancellationToken cancellationToken)
    {
        if (await lookup.FindAsync(id, cancellationToken) is not { } issued)
        {
            return new RevokeResult(RevokeStatus.UnknownRequest, RevokeTexts.Unknown(id));
        }

        var now = time.GetUtcNow();
        var revocation = new SessionRevocation(
            id, issued.Requester, issued.Profile, MethodOf(issued), by, now, issued.Session, issued.LinkRef, KeepUntil(issued));
        if (await rules.RefuseAsync(issued.Requester.Id, issued.Profile, by.Id, cancellationToken) is { } refused)
        {
            await audit.RecordAsync(revocation.Event(AuditEventType.RevokeRefused, now) with { Code = refused.Code }, cancellationToken);
            return new RevokeResult(RevokeStatus.NotPermitted, refused.Message);
        }

        if (issued.AlreadyRevoked || await marks.IsRevokedAsync(id, cancellationToken))
        {
            return new RevokeResult(RevokeStatus.AlreadyRevoked, RevokeTexts.AlreadyRevoked(id));
        }

        if (!pump.TryReserve())
        {
            return new RevokeResult(RevokeStatus.Busy, RevokeTexts.Busy);
        }

        var request = new SigninRequest(RevocationMarks.IdFor(id), by, issued.Profile, null, replyTo, now);
        var item = new WorkItem(request, WorkStep.Revoke, now, 0, new WorkState { Revocation = revocation });
        if (await work.TryAddAsync(item, pump.Owner, now + options.Value.LeaseDuration, cancellationToken) is not { } leased)
        {
            pump.Unreserve();
            return new RevokeResult(RevokeStatus.AlreadyRevoked, RevokeTexts.AlreadyRevoked(id));
        }

        pump.RunReserved(leased);
        return new RevokeResult(RevokeStatus.Recorded, RevokeTexts.Recorded(revocation));
    }

    /// <summary>
    /// The mark stays until the link has expired, and a Deny until the session's credentials cannot work any more:
    /// issue time plus duration (the console session never outlives them), plus <see cref="Margin"/>.
    /// </summary>
    internal static DateTimeOffset KeepUntil(RevocationLookup.Issued issued)
    {
        var sessionEnd = issued.Session is { } session ? session.IssuedAt + session.Duration : DateTimeOffset.MinValue;
        return (sessionEnd > issued.LinkExpiresAt ? sessionEnd : issued.LinkExpiresAt) + Margin;
    }

    private SigninMethod MethodOf(RevocationLookup.Issued issued) =>
        catalog.Find(issued.Profile)?.Options.Method
        ?? (issued.Session?.RoleArn.Contains(":role/", StringComparison.Ordinal) == false ? SigninMethod.FederationToken : SigninMethod.AssumeRole);
}
