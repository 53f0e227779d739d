namespace ChatOpsSignin.Slack;

/// <summary>
/// The <c>Slack</c> configuration section. Slack is on when <see cref="BotToken"/> is set.
/// HTTP endpoints exist only with a <see cref="SigningSecret"/>; Socket Mode runs when <see cref="AppToken"/> is set.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Verifies every HTTP request from Slack (v0 HMAC-SHA256). A secret: never logged.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token (<c>xoxb-</c>) for the Web API. A secret: never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (<c>xapp-</c>, scope <c>connections:write</c>): turns on Socket Mode. A secret: never logged.</summary>
    public string? AppToken { get; set; }

    /// <summary>Web API base URL: GovSlack, a proxy, or a test stand-in.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Use the user's email (scope <c>users:read.email</c>) rather than their Slack name as the AWS session handle.</summary>
    public bool UseEmailAsHandle { get; set; }

    /// <summary>Largest inbound request body accepted, in bytes; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long the background <c>users.info</c> lookup may take before the user id is used as the handle.</summary>
    public TimeSpan UserLookupTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Hosts a <c>response_url</c> may point at (https only). The ApiBaseUrl host is always allowed too.</summary>
    public List<string> ResponseUrlHosts { get; set; } = ["hooks.slack.com", "hooks.slack-gov.com"];

    /// <summary>How many times a rate-limited (429) Web API call is retried.</summary>
    public int RateLimitMaxRetries { get; set; } = 3;

    /// <summary>A 429 asking to wait longer than this is not retried; the call fails as <c>ratelimited</c>.</summary>
    public TimeSpan RateLimitMaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Socket Mode: first reconnect delay after a drop; doubles (jittered) up to <see cref="SocketReconnectMaxDelay"/>.</summary>
    public TimeSpan SocketReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SocketReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool HttpEndpointsEnabled => Enabled && !string.IsNullOrWhiteSpace(SigningSecret);

    public bool SocketModeEnabled => Enabled && !string.IsNullOrWhiteSpace(AppToken);

    public Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);

    public override string ToString() =>
        $"SlackOptions(ApiBaseUrl={ApiBaseUrl}, http={HttpEndpointsEnabled}, socketMode={SocketModeEnabled}, secrets redacted)";
}
