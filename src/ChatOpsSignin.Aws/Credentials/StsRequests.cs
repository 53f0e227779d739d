namespace ChatOpsSignin.Aws.Credentials;

/// <summary>AssumeRole's parameters (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html); null and empty ones are not sent.</summary>
public sealed record AssumeRoleRequest(
    string RoleArn,
    string RoleSessionName,
    string? SourceIdentity,
    int DurationSeconds,
    string? ExternalId,
    IReadOnlyDictionary<string, string> Tags,
    string? Policy,
    IReadOnlyList<string> PolicyArns);

/// <summary>GetFederationToken's parameters (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html).</summary>
public sealed record FederationTokenRequest(
    string Name,
    int DurationSeconds,
    string? Policy,
    IReadOnlyList<string> PolicyArns,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// AssumeRoleWithWebIdentity's parameters (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
/// The token is a bearer secret: <see cref="ToString"/> hides it.
/// </summary>
public sealed record WebIdentityRequest(
    string RoleArn,
    string RoleSessionName,
    string WebIdentityToken,
    int DurationSeconds,
    string? Policy,
    IReadOnlyList<string> PolicyArns)
{
    public override string ToString() => $"WebIdentityRequest({RoleArn}, {RoleSessionName}, token redacted)";
}
