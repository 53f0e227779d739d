using ChatOpsSignin.Aws.Iam;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>
/// Whether revoke can work for a profile: the bot reads the role's revocation policy (GetRolePolicy): NoSuchEntity or a
/// document means it may read it, AccessDenied means revoke would fail. Put and Delete are not tried (a check must change
/// nothing); the same IAM statement grants all three in <c>manifests/aws</c>.
/// The IAM client is only built when AWS is called: with an invalid <c>Aws</c> section it cannot be built at all.
/// </summary>
public sealed class RevokeCheck(IServiceProvider services)
{
    public async Task<RevokeCheckResult> RunAsync(ProfileOptions profile, bool callAws, CancellationToken cancellationToken)
    {
        if (profile.Method == SigninMethod.FederationToken)
        {
            return new(RevokeCheckState.Unsupported, "revoke: off for FederationToken (a Deny on the broker user would end every session); unused links are still cancelled");
        }

        if (profile.RoleArn is not { } roleArn)
        {
            return new(RevokeCheckState.Unsupported, "revoke: off (no RoleArn)");
        }

        var role = SessionRevoker.RoleName(roleArn);
        if (!callAws)
        {
            return new(RevokeCheckState.NotChecked, $"revoke: not checked offline (needs iam:GetRolePolicy, PutRolePolicy, DeleteRolePolicy on role {role})");
        }

        var read = await services.GetRequiredService<IamClient>().GetRolePolicyAsync(role, RevokedSessionsPolicy.PolicyName, cancellationToken);
        return read.Error switch
        {
            null => new(RevokeCheckState.Permitted, $"revoke: permitted (the bot may read {RevokedSessionsPolicy.PolicyName} on role {role})"),
            { Code: "AccessDenied" or "AccessDeniedException" } => new(RevokeCheckState.NotPermitted,
                $"revoke: NOT permitted: grant iam:GetRolePolicy, iam:PutRolePolicy, iam:DeleteRolePolicy on {roleArn} (see manifests/aws)"),
            { } error => new(RevokeCheckState.NotPermitted, $"revoke: cannot be checked on role {role}: {error.Code}"),
        };
    }
}

public enum RevokeCheckState
{
    NotChecked,
    Permitted,
    NotPermitted,
    Unsupported,
}

public sealed record RevokeCheckResult(RevokeCheckState State, string Text);
