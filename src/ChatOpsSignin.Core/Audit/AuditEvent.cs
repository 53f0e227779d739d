using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Audit;

/// <summary>
/// One append-only audit record. Enough to tie a CloudTrail session (role ARN + session name + SourceIdentity)
/// back to a chat user and an approver. Never a credential, token or URL.
/// </summary>
public sealed record AuditEvent(RequestId RequestId, AuditEventType Type, DateTimeOffset At)
{
    public string? Requester { get; init; }

    public string? Handle { get; init; }

    public ChatPlatform? Platform { get; init; }

    public string? Profile { get; init; }

    public string? RoleArn { get; init; }

    public string? SessionName { get; init; }

    public string? SourceIdentity { get; init; }

    /// <summary>Who decided (approver / denier / canceller), as a user key.</summary>
    public string? Actor { get; init; }

    public string? Reason { get; init; }

    /// <summary>Refusal or error code.</summary>
    public string? Code { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>The fields that tie the event to a CloudTrail session: role (or federated user), session name, SourceIdentity.</summary>
    public AuditEvent WithSession(IssuedCredentials credentials) => this with
    {
        RoleArn = credentials.RoleArn ?? credentials.PrincipalArn,
        SessionName = credentials.SessionName,
        SourceIdentity = credentials.SourceIdentity,
    };
}
