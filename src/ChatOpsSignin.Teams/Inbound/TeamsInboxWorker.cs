using ChatOpsSignin.Teams.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>Runs queued activities, a few at a time; a failure is logged (type only, never a body) and the next one runs.</summary>
internal sealed partial class TeamsInboxWorker(TeamsInbox inbox, CommandRunner runner, ILogger<TeamsInboxWorker> logger) : BackgroundService
{
    private const int Parallelism = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                inbox.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                RunOneAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopped(logger);
        }
    }

    private async ValueTask RunOneAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(activity, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, activity.Id, e.GetType().Name, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Teams inbox stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(Level = LogLevel.Error, Message = "Teams activity {ActivityId} failed: {Error}: {Message}")]
        public static partial void Failed(ILogger logger, string? activityId, string error, string message);
    }
}
