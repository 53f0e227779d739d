using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsSignin.Slack.Inbound;

/// <summary>
/// Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body))</c>, compared in
/// constant time, with the timestamp within 5 minutes of our clock.
/// See https://docs.slack.dev/authentication/verifying-requests-from-slack.
/// </summary>
public sealed class SlackSignatureVerifier
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Version = "v0";

    private readonly byte[] key;
    private readonly TimeProvider time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        key = Encoding.UTF8.GetBytes(signingSecret);
        this.time = time;
    }

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith(Version + "=", StringComparison.Ordinal)
            || !TryParseHex(signature.AsSpan(Version.Length + 1), out var given))
        {
            return SignatureCheck.Malformed;
        }

        var age = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Tolerance.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        var expected = Compute(key, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The raw HMAC over the v0 basestring.</summary>
    public static byte[] Compute(byte[] key, string timestamp, ReadOnlySpan<byte> body)
    {
        // Incremental, so the body (up to MaxBodyBytes) is hashed in place rather than copied behind the prefix.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParseHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[SHA256.HashSizeInBytes];
        return hex.Length == 2 * bytes.Length
            && Convert.FromHexString(hex, bytes, out _, out var written) == OperationStatus.Done
            && written == bytes.Length;
    }
}
