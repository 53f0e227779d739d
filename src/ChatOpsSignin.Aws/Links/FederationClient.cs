using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// <c>GET /federation?Action=getSigninToken[&amp;SessionDuration=s]&amp;Session={"sessionId","sessionKey","sessionToken"}</c>
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html).
/// AWS answers errors with HTML, so anything but 200 + JSON SigninToken is a failure. The request URL carries the
/// credentials: it is never logged (the client's HTTP loggers are removed); only status and a short body excerpt are.
/// </summary>
public sealed partial class FederationClient(HttpClient http, IOptions<AwsOptions> options, ILogger<FederationClient> logger)
{
    private const int BodyExcerpt = 200;

    public async Task<Outcome<SigninToken>> GetSigninTokenAsync(
        TemporaryCredentials credentials, TimeSpan? sessionDuration, string profile, CancellationToken cancellationToken)
    {
        var session = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["sessionId"] = credentials.AccessKeyId,
            ["sessionKey"] = credentials.SecretAccessKey,
            ["sessionToken"] = credentials.SessionToken,
        });
        var query = "?Action=getSigninToken"
            + (sessionDuration is { } duration ? $"&SessionDuration={(int)duration.TotalSeconds}" : string.Empty)
            + "&Session=" + Uri.EscapeDataString(session);
        var endpoint = options.Value.FederationEndpoint;
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint, endpoint.AbsolutePath + query), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK && ReadToken(body) is { } token)
            {
                return new SigninToken(token);
            }

            ClientTelemetry.Failed("aws", "federation", (int)response.StatusCode, "federation_rejected");
            var excerpt = Excerpt(body);
            Log.Refused(logger, profile, (int)response.StatusCode, sessionDuration is not null, excerpt);
            return Refused(profile, (int)response.StatusCode, sessionDuration is not null);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ClientTelemetry.Failed("aws", "federation", 0, "timeout");
            return AwsFailures.Timeout(profile, "the AWS federation endpoint");
        }
        catch (HttpRequestException exception)
        {
            ClientTelemetry.Failed("aws", "federation", 0, "unreachable");
            return AwsFailures.Unreachable(profile, "the AWS federation endpoint", exception.Message);
        }
    }

    private static SigninFailure Refused(string profile, int status, bool sentSessionDuration) => new(
        "federation_rejected",
        "AWS refused to create the console link. An admin has been told.",
        $"Profile '{profile}': the federation endpoint answered HTTP {status} without a sign-in token. "
        + (sentSessionDuration
            ? "SessionDuration was sent: if the broker's credentials are temporary (role chaining), set Aws:BrokerCredentials=Temporary. "
            : string.Empty)
        + "Check Aws:Partition / Aws:FederationUrl and that the credentials come from AssumeRole* or GetFederationToken.");

    private static string? ReadToken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("SigninToken", out var token)
                && token.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(token.GetString())
                ? token.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Tags stripped, whitespace collapsed, cut short: enough to see "syntactically incorrect" in a log.</summary>
    internal static string Excerpt(string body)
    {
        var text = Whitespace().Replace(Tags().Replace(body, " "), " ").Trim();
        return text.Length <= BodyExcerpt ? text : text[..BodyExcerpt] + "…";
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile}: federation sign-in token request answered HTTP {Status} (SessionDuration sent: {SentSessionDuration}): {BodyExcerpt}")]
        public static partial void Refused(ILogger logger, string profile, int status, bool sentSessionDuration, string bodyExcerpt);
    }
}
