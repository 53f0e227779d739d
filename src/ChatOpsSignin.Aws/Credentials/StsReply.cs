using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>An STS answer: a value, or the service's error (or <see cref="StsError.TimeoutCode"/> / <see cref="StsError.UnreachableCode"/>).</summary>
public sealed record StsReply<T>(T? Value, StsError? Error)
    where T : class
{
    public static StsReply<T> Of(T value) => new(value, null);

    public static StsReply<T> Failed(StsError error) => new(null, error);
}

/// <param name="Code">STS's <c>Error/Code</c> (AccessDenied, Throttling…); <see cref="UnknownCode"/> when an error answer had none.</param>
/// <param name="Status">HTTP status, 0 when there was no answer.</param>
/// <param name="Type">STS's <c>Error/Type</c>: Sender or Receiver.</param>
public sealed record StsError(string Code, int Status, string Message, string? Type = null)
{
    public const string TimeoutCode = "Timeout";
    public const string UnreachableCode = "Unreachable";
    public const string UnknownCode = "Unknown";

    /// <summary>A success status whose body is not the expected XML answer (a proxy page, a truncated body).</summary>
    public const string InvalidAnswerCode = "InvalidAnswer";
}

/// <summary>Credentials STS issued and whose they are (AssumedRoleUser or FederatedUser Arn). Secrets: <see cref="ToString"/> hides them.</summary>
/// <param name="Expiration">UTC; null when STS sent none.</param>
public sealed record StsSession(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset? Expiration, string PrincipalArn, string? SourceIdentity)
{
    /// <summary>As the core's type; a missing Expiration is taken as now + what was asked.</summary>
    public TemporaryCredentials ToTemporary(TimeProvider time, TimeSpan requested) =>
        new(AccessKeyId, SecretAccessKey, SessionToken, Expiration ?? time.GetUtcNow() + requested);

    public override string ToString() => $"StsSession({PrincipalArn}, expires {Expiration:O}, secrets redacted)";
}

/// <summary>GetCallerIdentity's answer.</summary>
public sealed record StsCallerIdentity(string Arn, string Account, string UserId);
