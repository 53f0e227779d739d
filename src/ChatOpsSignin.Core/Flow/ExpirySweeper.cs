using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Flow;

/// <summary>
/// Expires overdue approvals and removes expired links from chat. It reads what is due from the stores on
/// every tick, so it resumes after a restart; the stores' conditional updates keep replicas from doing a step twice.
/// </summary>
public sealed partial class ExpirySweeper(
    IApprovalStore approvals,
    IIssuedLinkStore issuedLinks,
    DeliveryDirectory deliveries,
    SigninQueue queue,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var overdue in await approvals.ListOverdueAsync(now, cancellationToken))
        {
            var (won, current) = await approvals.TryDecideAsync(overdue.Request.Id, ApprovalState.Expired, null, now, cancellationToken);
            if (won && current is not null)
            {
                await audit.RecordAsync(current.Request, AuditEventType.Expired, null, cancellationToken);
                await queue.EnqueueAsync(new SigninWork.DecisionTaken(current), cancellationToken);
            }
        }

        foreach (var link in await issuedLinks.ListDueForRemovalAsync(now, cancellationToken))
        {
            await RemoveAsync(link, now, cancellationToken);
        }
    }

    private async Task RemoveAsync(IssuedLinkRecord link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (deliveries.For(link.Platform) is not { } delivery)
        {
            Log.NoDelivery(logger, link.RequestId.Value, link.Platform.ToString());
            return;
        }

        // Edit first, then mark: an edit is idempotent, so a crash in between only repeats it.
        await delivery.ExpireLinkAsync(link, cancellationToken);
        if (await issuedLinks.TryMarkRemovedAsync(link.RequestId, now, cancellationToken))
        {
            await audit.RecordAsync(
                new AuditEvent(link.RequestId, AuditEventType.LinkRemoved, now)
                {
                    Requester = link.Requester.Key,
                    Platform = link.Platform,
                    Profile = link.Profile,
                },
                cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Expiry sweep failed; will retry on the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Link of request {RequestId} cannot be removed: {Platform} is off")]
        public static partial void NoDelivery(ILogger logger, string requestId, string platform);
    }
}
