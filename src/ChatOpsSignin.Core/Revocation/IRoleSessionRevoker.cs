using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// Port: ends one role session by a Deny on its role that matches only that session (its SourceIdentity, or its
/// session name in <c>aws:userid</c>) and only credentials issued up to the revoke, and later takes the Deny away.
/// The Aws room implements it with IAM inline policies.
/// </summary>
public interface IRoleSessionRevoker
{
    Task<RevokeAttempt> DenyAsync(RoleSessionDeny deny, CancellationToken cancellationToken);

    /// <summary>Removes the statement of <paramref name="id"/> from the role (and any whose session has ended).</summary>
    Task<RevokeAttempt> RemoveAsync(string roleArn, RequestId id, CancellationToken cancellationToken);
}

/// <param name="RevokedAt">Credentials issued at or before this are denied (<c>aws:TokenIssueTime</c>).</param>
/// <param name="RemoveAfter">The session's longest possible end: after it the statement has nothing left to deny.</param>
public sealed record RoleSessionDeny(
    RequestId RequestId, string RoleArn, string SessionName, string? SourceIdentity, DateTimeOffset RevokedAt, DateTimeOffset RemoveAfter);

/// <summary>What IAM said. <see cref="Retryable"/>: throttled, 5xx or unreachable (try again later); else final.</summary>
public sealed record RevokeAttempt(RevokeAttemptStatus Status, string? Code = null, string? Message = null)
{
    public static readonly RevokeAttempt Done = new(RevokeAttemptStatus.Done);

    public bool Retryable => Status == RevokeAttemptStatus.Unavailable;
}

public enum RevokeAttemptStatus
{
    Done,

    /// <summary>The role's inline policies would pass IAM's 10,240-character limit.</summary>
    PolicyFull,

    /// <summary>IAM refused for good (AccessDenied, NoSuchEntity, MalformedPolicyDocument…).</summary>
    Refused,

    /// <summary>Throttled, 5xx, or unreachable.</summary>
    Unavailable,
}

/// <summary>No Aws room (tests, CLI): nothing can be denied.</summary>
internal sealed class NoRoleSessionRevoker : IRoleSessionRevoker
{
    private static readonly RevokeAttempt Off = new(RevokeAttemptStatus.Refused, "revoke_off", "No IAM client is configured.");

    public Task<RevokeAttempt> DenyAsync(RoleSessionDeny deny, CancellationToken cancellationToken) => Task.FromResult(Off);

    public Task<RevokeAttempt> RemoveAsync(string roleArn, RequestId id, CancellationToken cancellationToken) => Task.FromResult(Off);
}
