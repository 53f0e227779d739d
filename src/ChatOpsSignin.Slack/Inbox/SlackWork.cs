using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Commands;

namespace ChatOpsSignin.Slack.Inbox;

/// <summary>What the fast edge leaves for <see cref="SlackInboxWorker"/>, so Slack gets its answer within 3 seconds.</summary>
public abstract record SlackWork
{
    private SlackWork()
    {
    }

    /// <summary>Look the user's handle up (users.info), then hand the request to the core's queue.</summary>
    public sealed record Submit(RequestId Id, SlashCommand Command, string Profile, string? Reason, DateTimeOffset ReceivedAt) : SlackWork;

    /// <summary>Post an answer to a response_url (e.g. "you are not an approver" to a clicker).</summary>
    public sealed record Respond(string ResponseUrl, JsonObject Body) : SlackWork;
}
