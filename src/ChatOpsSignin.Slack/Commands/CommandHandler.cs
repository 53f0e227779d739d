using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Commands;

/// <summary>
/// Answers a slash command within Slack's 3 seconds, for both transports (HTTP and Socket Mode): the shared grammar,
/// then help and status from the front door, cancel as one store update, and a new request recorded durably before the
/// ack names its id.
/// </summary>
public sealed partial class CommandHandler(ISigninBroker broker, ResponseUrls responseUrls, TimeProvider time, ILogger<CommandHandler> logger)
{
    public static readonly CommandSyntax Syntax = new("/aws-console ");

    /// <returns>The ephemeral reply (use <see cref="SlackMessage.ToEphemeral"/>).</returns>
    public Task<SlackMessage> HandleAsync(SlashCommand command, CancellationToken cancellationToken) =>
        HandleAsync(command, Task.CompletedTask, cancellationToken);

    /// <param name="startAfter">When an accepted request's work may start (<see cref="ISigninBroker.SubmitAsync(SigninRequest, Task, CancellationToken)"/>).</param>
    public async Task<SlackMessage> HandleAsync(SlashCommand command, Task startAfter, CancellationToken cancellationToken)
    {
        switch (CommandGrammar.Parse(Unescape(command.Text), Syntax))
        {
            case ChatCommand.Help:
                return NoticeText.Help(await broker.ProfilesForAsync(command.User, cancellationToken));
            case ChatCommand.Status:
                return NoticeText.Status(await broker.StatusAsync(command.User, cancellationToken));
            case ChatCommand.Cancel cancel:
                var result = await broker.CancelAsync(new RequestId(cancel.RequestId), new ChatUser(command.User, command.UserId), cancellationToken);
                return new SlackMessage(result.Taken ? $"Request `{cancel.RequestId}` is cancelled." : Mrkdwn.Escape(result.Message));
            case ChatCommand.Revoke revoke:
                var revoked = await broker.RevokeAsync(
                    new RequestId(revoke.RequestId),
                    new ChatUser(command.User, command.UserName ?? command.UserId),
                    new ReplyTarget(command.TeamId, command.UserId, command.ChannelId).ToJson(),
                    cancellationToken);
                return new SlackMessage(Mrkdwn.Escape(revoked.Message));
            case ChatCommand.Request request:
                return await SubmitAsync(command, request, startAfter, cancellationToken);
            case ChatCommand.BreakGlass breakGlass:
                return await SubmitAsync(command, new ChatCommand.Request(breakGlass.Profile, breakGlass.Reason), startAfter, cancellationToken, isBreakGlass: true);
            case ChatCommand.Invalid invalid:
                return new SlackMessage(invalid.Problem);
            default:
                return new SlackMessage("Type `/aws-console help` to see what I can do.");
        }
    }

    private async Task<SlackMessage> SubmitAsync(SlashCommand command, ChatCommand.Request asked, Task startAfter, CancellationToken cancellationToken, bool isBreakGlass = false)
    {
        var request = new SigninRequest(
            RequestId.New(),
            new ChatUser(command.User, command.UserId),
            asked.Profile,
            asked.Reason,
            new ReplyTarget(command.TeamId, command.UserId, command.ChannelId).ToJson(),
            time.GetUtcNow()) { Service = asked.Service, Region = asked.Region, BreakGlass = isBreakGlass };
        using var scope = RequestLogScope.Begin(logger, request.Id);
        responseUrls.Remember(request.Id, command.ResponseUrl);
        var result = await broker.SubmitAsync(request, startAfter, cancellationToken);
        Log.Submitted(logger, request.Id.Value, asked.Profile, result);
        return result == SubmitResult.Accepted
            ? new SlackMessage($"{(isBreakGlass ? "Break-glass" : "Request")} `{request.Id.Value}` for *{Mrkdwn.Escape(asked.Profile)}* received. The sign-in link comes in a direct message from me; anything else I answer here.")
            : new SlackMessage(ChatNotices.For(result));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3410, Level = LogLevel.Debug, Message = "Slack request {RequestId} for profile {Profile}: {Result}")]
        public static partial void Submitted(ILogger logger, string requestId, string profile, SubmitResult result);
    }

    /// <summary>Slack escapes &amp;, &lt; and &gt; in command text; unescaped here, escaped again wherever it is shown.</summary>
    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
