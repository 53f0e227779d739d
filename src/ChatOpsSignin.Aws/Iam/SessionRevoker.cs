using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;

namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// Ends one issued role session: adds its Deny to the role's <c>chatops-signin-revocations</c> inline policy
/// (GetRolePolicy, merge, PutRolePolicy), and takes it off again once the session has ended (the whole policy is deleted
/// with its last statement), so the role stays under IAM's 10,240-character inline limit. IAM has no conditional write:
/// two replicas revoking on one role at once could each overwrite the other's statement, so every write is read back and
/// redone (a bounded number of times) until it holds. IAM is eventually consistent: a revoke can take a few minutes to bite.
/// </summary>
public sealed class SessionRevoker(IamClient iam, TimeProvider time) : IRoleSessionRevoker
{
    /// <summary>Read-modify-write rounds before a lost race is reported as unavailable (and retried later by the driver).</summary>
    internal const int MaxRounds = 4;

    public Task<RevokeAttempt> DenyAsync(RoleSessionDeny deny, CancellationToken cancellationToken) =>
        RevokeAsync(deny.RoleArn, new RevokedSession(deny.RequestId.Value, deny.SessionName, deny.SourceIdentity, deny.RevokedAt, deny.RemoveAfter), cancellationToken);

    public async Task<RevokeAttempt> RemoveAsync(string roleArn, RequestId id, CancellationToken cancellationToken)
    {
        var role = RoleName(roleArn);
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await iam.GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
            if (current.Error is { } error)
            {
                return Attempt(error);
            }

            if (!RevokedSessionsPolicy.Holds(current.Value, id.Value))
            {
                return RevokeAttempt.Done;
            }

            var left = RevokedSessionsPolicy.Without(current.Value, id.Value, time.GetUtcNow());
            var written = left is null
                ? await iam.DeleteRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken)
                : await iam.PutRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, left, cancellationToken);
            if (written.Error is { } failed)
            {
                return Attempt(failed);
            }
        }

        return new RevokeAttempt(RevokeAttemptStatus.Unavailable, "ConcurrentModification", $"The revocation policy of {role} kept changing.");
    }

    /// <summary>Adds the session's statement, dropping those of sessions that have ended; verified by reading it back.</summary>
    public async Task<RevokeAttempt> RevokeAsync(string roleArn, RevokedSession session, CancellationToken cancellationToken)
    {
        var role = RoleName(roleArn);
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await iam.GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
            if (current.Error is { } error)
            {
                return Attempt(error);
            }

            if (round > 0 && RevokedSessionsPolicy.Holds(current.Value, session.RequestId))
            {
                return RevokeAttempt.Done;
            }

            var document = RevokedSessionsPolicy.With(RevokedSessionsPolicy.Without(current.Value, time.GetUtcNow()), session);
            if (RevokedSessionsPolicy.Size(document) > RevokedSessionsPolicy.InlineLimit)
            {
                return new RevokeAttempt(RevokeAttemptStatus.PolicyFull, "LimitExceeded", $"The revocation policy of {role} would pass IAM's inline limit.");
            }

            var put = await iam.PutRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, document, cancellationToken);
            if (put.Error is { } failed)
            {
                return Attempt(failed);
            }
        }

        var last = await iam.GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
        return last.Error is { } lastError ? Attempt(lastError)
            : RevokedSessionsPolicy.Holds(last.Value, session.RequestId) ? RevokeAttempt.Done
            : new RevokeAttempt(RevokeAttemptStatus.Unavailable, "ConcurrentModification", $"The revocation policy of {role} kept changing.");
    }

    /// <summary>Removes statements of sessions that have ended; deletes the policy once it is empty.</summary>
    public async Task<IamReply<bool>> SweepAsync(string roleArn, CancellationToken cancellationToken)
    {
        var role = RoleName(roleArn);
        var current = await iam.GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
        if (current.Error is { } error)
        {
            return IamReply<bool>.Failed(error);
        }

        if (current.Value is null)
        {
            return IamReply<bool>.Of(false);
        }

        var left = RevokedSessionsPolicy.Without(current.Value, time.GetUtcNow());
        return left is null
            ? await iam.DeleteRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken)
            : left == current.Value ? IamReply<bool>.Of(false) : await iam.PutRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, left, cancellationToken);
    }

    /// <summary><c>arn:aws:iam::111122223333:role/path/Name</c> → <c>Name</c> (IAM's RoleName has no path).</summary>
    internal static string RoleName(string roleArn) => roleArn.Split('/')[^1];

    internal static RevokeAttempt Attempt(IamError error) => error.Code switch
    {
        "LimitExceeded" => new(RevokeAttemptStatus.PolicyFull, error.Code, error.Message),
        _ when IamRetry.IsRetryable(error) => new(RevokeAttemptStatus.Unavailable, error.Code, error.Message),
        _ => new(RevokeAttemptStatus.Refused, error.Code, error.Message),
    };
}
