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

    /// <summary>A call that may have been carried out anyway (gateway error, timeout or transport error).</summary>
    public ConnectorException(string message, bool outcomeUnknown, Exception? innerException = null)
        : base(message, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    public ConnectorException(HttpStatusCode status, string? code, string message, bool outcomeUnknown)
        : this(status, code, message)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>
    /// True when a message-creating POST failed in a way that does not prove it was not delivered (502/503/504,
    /// timeout, connection lost): such calls are never retried, and a caller posting a live link must treat the
    /// message as possibly posted.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>The connector's error code, e.g. <c>BotNotInConversationRoster</c>, <c>MessageSizeTooBig</c>.</summary>
    public string? Code { get; }

    public bool BotNotInstalledForUser => Code == "BotNotInConversationRoster";
}
