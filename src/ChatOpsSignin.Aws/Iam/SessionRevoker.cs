namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// Ends one issued role session: adds its Deny to the role's <c>chatops-signin-revoked</c> inline policy
/// (GetRolePolicy, merge, PutRolePolicy), and later sweeps statements whose sessions have ended, so the role stays
/// under IAM's 10,240-character inline limit. IAM is eventually consistent: a revoke can take a few minutes to bite.
/// FederationToken sessions have no role to attach to and Cognito sessions no SourceIdentity (the name-based match is used).
/// </summary>
public sealed class SessionRevoker(IamClient iam, TimeProvider time)
{
    public async Task<IamReply<bool>> RevokeAsync(string roleArn, RevokedSession session, CancellationToken cancellationToken)
    {
        var role = RoleName(roleArn);
        var current = await iam.GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
        if (current.Error is { } error)
        {
            return IamReply<bool>.Failed(error);
        }

        var pruned = RevokedSessionsPolicy.Without(current.Value, time.GetUtcNow());
        var document = RevokedSessionsPolicy.With(pruned, session);
        if (RevokedSessionsPolicy.Size(document) > RevokedSessionsPolicy.InlineLimit)
        {
            return IamReply<bool>.Failed(new IamError("LimitExceeded", 0, $"The revoke policy of {role} would exceed IAM's {RevokedSessionsPolicy.InlineLimit}-character inline limit."));
        }

        return await iam.PutRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, document, cancellationToken);
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
}
