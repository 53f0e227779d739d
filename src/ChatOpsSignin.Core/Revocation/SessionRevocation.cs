using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// One revoke, as its durable work item keeps it (<see cref="Work.WorkState.Revocation"/>): what was issued under
/// <see cref="RequestId"/>, who revoked it and when, and until when the mark (and any Deny) must stay.
/// </summary>
/// <param name="Session">The issued role session, or null when none was issued yet (an unused click-through link).</param>
/// <param name="LinkRef">The message that carried the link, where the requester is told.</param>
/// <param name="KeepUntil">The session's longest possible end (or the link's expiry): then the Deny goes and the mark with it.</param>
public sealed record SessionRevocation(
    RequestId RequestId,
    ChatUser Requester,
    string Profile,
    SigninMethod Method,
    ChatUser By,
    DateTimeOffset RevokedAt,
    IssuedSession? Session,
    string? LinkRef,
    DateTimeOffset KeepUntil)
{
    /// <summary>Set once the Deny is on the role: cleanup then takes it off again.</summary>
    public bool Denied { get; init; }

    /// <summary>An audit event about the revoked request: its requester, profile and session; the revoker as actor.</summary>
    public AuditEvent Event(AuditEventType type, DateTimeOffset at) => new(RequestId, type, at)
    {
        Requester = Requester.Id.Key,
        Handle = Requester.Handle,
        Platform = Requester.Id.Platform,
        Profile = Profile,
        Actor = By.Id.Key,
        RoleArn = Session?.RoleArn,
        SessionName = Session?.SessionName,
        SourceIdentity = Session?.SourceIdentity,
    };
}

/// <summary>A role session as the audit trail recorded it when the credentials were issued.</summary>
public sealed record IssuedSession(string RoleArn, string SessionName, string? SourceIdentity, DateTimeOffset IssuedAt, TimeSpan Duration);
