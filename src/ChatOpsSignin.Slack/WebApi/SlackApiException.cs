namespace ChatOpsSignin.Slack.WebApi;

/// <summary>
/// A Web API call that Slack refused (<c>ok:false</c> with its error code, e.g. <c>channel_not_found</c>), rate-limited
/// beyond our budget (<c>ratelimited</c>) or answered with an HTTP error (<c>http_500</c>). Holds no body or token.
/// </summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error)
        : base($"Slack {method} failed: {error}")
    {
        Method = method;
        Error = error;
    }

    public SlackApiException()
        : this("unknown", "unknown")
    {
    }

    public SlackApiException(string message)
        : this("unknown", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Error = "unknown";
    }

    public string Method { get; }

    /// <summary>Slack's error code, or <c>ratelimited</c> / <c>http_{status}</c> / <c>invalid_response</c>.</summary>
    public string Error { get; }
}
