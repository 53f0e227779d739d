using System.Net;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>A Bot Connector call failed for good (after any retries). The message is safe to log: no body, no token.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(HttpStatusCode status, string? code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>The connector's error code, e.g. <c>BotNotInConversationRoster</c>, <c>MessageSizeTooBig</c>.</summary>
    public string? Code { get; }

    public bool BotNotInstalledForUser => Code == "BotNotInConversationRoster";
}
