namespace ChatOpsSignin.Core.Credentials;

/// <summary>Credentials plus what the audit trail and the link need to know about them.</summary>
/// <param name="PrincipalArn">Assumed-role or federated-user ARN as STS returned it.</param>
/// <param name="RoleArn">The role asked for (null for federated users).</param>
public sealed record IssuedCredentials(
    TemporaryCredentials Credentials,
    CredentialSource Source,
    string PrincipalArn,
    string? RoleArn,
    string SessionName,
    string? SourceIdentity,
    TimeSpan Duration)
{
    public string? AccountId => PrincipalArn.Split(':') is { Length: > 4 } parts ? parts[4] : null;
}
