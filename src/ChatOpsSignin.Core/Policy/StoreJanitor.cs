using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Links;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// Prunes what expires in the stores (replay guard entries, rate-limit hits, click-through tickets a day after they
/// expired, audit past <c>Audit:Retention</c>), so they stay bounded.
/// </summary>
public sealed partial class StoreJanitor(
    IReplayGuard replays,
    IRateLimitStore rateLimits,
    ILinkTicketStore tickets,
    IAuditLog audit,
    IOptions<AuditOptions> auditOptions,
    TimeProvider time,
    ILogger<StoreJanitor> logger)
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
        var expiredTickets = await tickets.PruneAsync(now, cancellationToken);
        var events = auditOptions.Value.Retention is { } retention ? await audit.PruneAsync(now - retention, cancellationToken) : 0;
        Log.Pruned(logger, replayed, hits, expiredTickets, events);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Pruned {Replays} replay-guard entries, {Hits} rate-limit hits, {Tickets} expired link tickets and {Events} audit events")]
        public static partial void Pruned(ILogger logger, int replays, int hits, int tickets, int events);

        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Pruning the stores failed; will retry")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
