namespace ChatOpsSignin.Core.Profiles;

public enum SigninMethod
{
    /// <summary>STS AssumeRole with the broker's own credentials.</summary>
    AssumeRole,

    /// <summary>STS GetFederationToken: needs an IAM user's long-term keys and a session policy.</summary>
    FederationToken,

    /// <summary>Cognito identity pool classic flow, then STS AssumeRoleWithWebIdentity.</summary>
    Cognito,
}
