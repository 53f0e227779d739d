using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.Inbox;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Commands;

/// <summary>
/// Answers a slash command within Slack's 3 seconds, for both transports (HTTP and Socket Mode): help and status from the
/// broker, cancel as one store update, and a new request queued with its id so the reply can name it.
/// </summary>
public sealed class CommandHandler(ISigninBroker broker, SlackInbox inbox, TimeProvider time)
{
    /// <returns>The ephemeral reply (use <see cref="SlackMessage.ToEphemeral"/>).</returns>
    public async Task<SlackMessage> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        switch (CommandParser.Parse(command.Text))
        {
            case SlackCommand.Help:
                return NoticeText.Help(broker.ProfilesFor(command.User));
            case SlackCommand.Status:
                return NoticeText.Status(await broker.StatusAsync(command.User, cancellationToken));
            case SlackCommand.Cancel cancel:
                var result = await broker.CancelAsync(new RequestId(cancel.RequestId), new ChatUser(command.User, command.UserId), cancellationToken);
                return new SlackMessage(result.Taken ? $"Request `{cancel.RequestId}` is cancelled." : Mrkdwn.Escape(result.Message));
            case SlackCommand.Request request:
                var id = RequestId.New();
                return inbox.TryEnqueue(new SlackWork.Submit(id, command, request.Profile, request.Reason, time.GetUtcNow()))
                    ? new SlackMessage($"Request `{id.Value}` for *{Mrkdwn.Escape(request.Profile)}* received. I will answer here or in a direct message.")
                    : new SlackMessage("I am too busy to take your request right now. Please try again in a minute.");
            case SlackCommand.Invalid invalid:
                return new SlackMessage(invalid.Problem);
            default:
                return new SlackMessage("Type `/aws-console help` to see what I can do.");
        }
    }
}
