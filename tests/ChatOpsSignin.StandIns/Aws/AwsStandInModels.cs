namespace ChatOpsSignin.StandIns.Aws;

/// <summary>A console login the federation endpoint accepted (Action=login with a valid sign-in token).</summary>
/// <param name="SessionDuration">SessionDuration given to getSigninToken, or null when omitted.</param>
public sealed record ConsoleLogin(
    string PrincipalArn,
    string? RoleArn,
    string SessionName,
    string? SourceIdentity,
    IReadOnlyDictionary<string, string> Tags,
    string Destination,
    string? Issuer,
    TimeSpan? SessionDuration,
    DateTimeOffset At);

/// <summary>A session STS issued (AssumeRole, GetFederationToken, AssumeRoleWithWebIdentity), with what was asked.</summary>
/// <param name="Chained">True when the caller itself used role-session credentials (role chaining).</param>
public sealed record IssuedSession(
    string Action,
    string AccessKeyId,
    string PrincipalArn,
    string? RoleArn,
    string SessionName,
    string? SourceIdentity,
    IReadOnlyDictionary<string, string> Tags,
    TimeSpan Duration,
    bool Chained,
    string? Policy,
    IReadOnlyList<string> PolicyArns);

/// <summary>Temporary broker credentials (e.g. an ECS task role) the stand-in accepts; using them means role chaining.</summary>
public sealed record StandInSessionKeys(string AccessKeyId, string SecretAccessKey, string SessionToken, string PrincipalArn)
{
    public override string ToString() => $"StandInSessionKeys({PrincipalArn}, secrets redacted)";
}

/// <summary>What a getSigninToken call asked for and whether it was accepted.</summary>
public sealed record SigninTokenRequest(bool Accepted, TimeSpan? SessionDuration, string? PrincipalArn, int Status);

internal enum KeyKind
{
    IamUser,
    AssumedRole,
    FederatedUser,
    WebIdentity,
}

internal sealed record StandInKey(
    string AccessKeyId,
    string Secret,
    string? SessionToken,
    string PrincipalArn,
    KeyKind Kind,
    bool Chained,
    string? RoleArn,
    string SessionName,
    string? SourceIdentity,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset? Expires);

internal sealed record StandInRole(string Arn, string? ExternalId, TimeSpan MaxSession, string? TrustedIdentityPool);

internal sealed record StandInPool(string Id, string? DeveloperProviderName, bool AllowGuests);

internal sealed record StandInIdentity(string IdentityId, string PoolId, bool Authenticated, string? Login);

internal sealed record StandInSigninToken(StandInKey Key, DateTimeOffset IssuedAt, TimeSpan? SessionDuration);

/// <param name="Hang">Never answer: the request waits until the client gives up (timeouts).</param>
internal sealed record StandInFault(int Status, string Code, string? Message, bool Hang = false);

/// <summary>An AWS error to answer: code, HTTP status and message, shaped by the endpoint (XML, JSON or HTML).</summary>
internal sealed record AwsError(int Status, string Code, string Message);
