namespace ChatOpsSignin.Core.Credentials;

/// <summary>Which STS family issued the credentials: it decides whether the console accepts SessionDuration.</summary>
public enum CredentialSource
{
    AssumedRole,
    WebIdentityRole,
    FederatedUser,
}
