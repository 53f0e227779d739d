using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Outbox;

/// <summary>Sends what <see cref="ResponseUrlOutbox"/> holds, to allowed response_url hosts only.</summary>
internal sealed partial class ResponseUrlSender(
    ResponseUrlOutbox outbox, SlackApiClient api, ResponseUrlPolicy responseUrls, ILogger<ResponseUrlSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (responseUrl, body) in outbox.ReadAllAsync(stoppingToken))
        {
            if (!responseUrls.IsAllowed(responseUrl))
            {
                Log.NotAllowed(logger);
                continue;
            }

            try
            {
                await api.RespondAsync(new Uri(responseUrl), body, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.Failed(logger, e.GetType().Name, e is SlackApiException s ? s.Error : null);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "A response_url answer failed: {Error} {Code}")]
        public static partial void Failed(ILogger logger, string error, string? code);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "A response_url outside Slack:ResponseUrlHosts was ignored")]
        public static partial void NotAllowed(ILogger logger);
    }
}
