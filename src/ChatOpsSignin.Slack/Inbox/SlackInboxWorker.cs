using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.Slack.Identity;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Inbox;

/// <summary>Runs accepted Slack work off the request thread, a few at a time. A failure is logged (type and code only).</summary>
public sealed partial class SlackInboxWorker(
    SlackInbox inbox,
    HandleResolver handles,
    ISigninBroker broker,
    SlackApiClient api,
    ResponseUrlPolicy responseUrls,
    ILogger<SlackInboxWorker> logger) : BackgroundService
{
    private const int Parallelism = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            inbox.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
            async (work, cancellationToken) =>
            {
                try
                {
                    await RunAsync(work, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.Failed(logger, work.GetType().Name, e.GetType().Name, e is SlackApiException s ? s.Error : null);
                }
            });

    public async Task RunAsync(SlackWork work, CancellationToken cancellationToken)
    {
        switch (work)
        {
            case SlackWork.Submit submit:
                var command = submit.Command;
                var handle = await handles.ResolveAsync(command.UserId, cancellationToken);
                var replyTo = new ReplyTarget(command.TeamId, command.UserId, command.ChannelId, command.ResponseUrl, submit.ReceivedAt);
                var request = new SigninRequest(
                    submit.Id, new ChatUser(command.User, handle), submit.Profile, submit.Reason, replyTo.ToJson(), submit.ReceivedAt);
                await broker.SubmitAsync(request, cancellationToken);
                Log.Submitted(logger, submit.Id.Value, submit.Profile, command.User.Key);
                break;
            case SlackWork.Respond respond when responseUrls.IsAllowed(respond.ResponseUrl):
                await api.RespondAsync(new Uri(respond.ResponseUrl), respond.Body, cancellationToken);
                break;
            case SlackWork.Respond:
                Log.ResponseUrlNotAllowed(logger);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Slack request {RequestId} for profile {Profile} by {User} queued")]
        public static partial void Submitted(ILogger logger, string requestId, string profile, string user);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Slack work {Work} failed: {Error} {Code}")]
        public static partial void Failed(ILogger logger, string work, string error, string? code);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "A response_url outside Slack:ResponseUrlHosts was ignored")]
        public static partial void ResponseUrlNotAllowed(ILogger logger);
    }
}
