namespace ChatOpsSignin.Core.Credentials;

/// <summary>STS session credentials. A bearer secret: <see cref="ToString"/> never shows it.</summary>
public sealed class TemporaryCredentials(string accessKeyId, string secretAccessKey, string sessionToken, DateTimeOffset expiration)
{
    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    public string SessionToken { get; } = sessionToken;

    public DateTimeOffset Expiration { get; } = expiration;

    public override string ToString() => $"TemporaryCredentials(expires {Expiration:O}, secrets redacted)";
}
