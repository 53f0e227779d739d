using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Policy;

/// <summary>Prunes what expires in the stores (replay guard entries, rate-limit hits), so they stay bounded.</summary>
public sealed partial class StoreJanitor(IReplayGuard replays, IRateLimitStore rateLimits, TimeProvider time, ILogger<StoreJanitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.Failed(logger, exception);
            }
        }
    }

    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var replayed = await replays.PruneAsync(now, cancellationToken);
        var hits = await rateLimits.PruneAsync(now, cancellationToken);
        Log.Pruned(logger, replayed, hits);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Pruned {Replays} replay-guard entries and {Hits} rate-limit hits")]
        public static partial void Pruned(ILogger logger, int replays, int hits);

        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Pruning the stores failed; will retry")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
