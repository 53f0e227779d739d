using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// Signs outgoing requests the way Slack signs requests to an app: <c>X-Slack-Request-Timestamp</c> (Unix seconds from the
/// given clock) and <c>X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>.
/// See https://docs.slack.dev/authentication/verifying-requests-from-slack.
/// </summary>
public sealed class SlackRequestSigner(string signingSecret, TimeProvider time) : DelegatingHandler
{
    /// <summary>Shift the timestamp, to produce stale requests.</summary>
    public TimeSpan ClockOffset { get; set; }

    public static string Sign(string signingSecret, string timestamp, byte[] body)
    {
        var basestring = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), basestring));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var timestamp = (time.GetUtcNow() + ClockOffset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Slack-Request-Timestamp");
        request.Headers.Remove("X-Slack-Signature");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(signingSecret, timestamp, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
