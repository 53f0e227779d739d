using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>
    /// Edits every recorded copy of the link away, then marks it removed. An edit is idempotent, so a crash in between only
    /// repeats it. A failure throws and is retried with backoff (<see cref="FailedAsync"/>); each request has its own
    /// work item, so one message that cannot be edited never holds up the others.
    /// </summary>
    private async Task<WorkItem?> RemoveLinkAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var record in await issuedLinks.ListForRequestAsync(item.Id, cancellationToken))
        {
            if (record.RemovedAt is not null)
            {
                continue;
            }

            await delivery.RemoveLinkAsync(record, cancellationToken);
            if (await issuedLinks.TryMarkRemovedAsync(record.RequestId, record.MessageRef, now, cancellationToken))
            {
                await audit.RecordAsync(RemovalEvent(record, AuditEventType.LinkRemoved, now), cancellationToken);
            }
        }

        return WithRepost(item, null);
    }

    private async Task<WorkItem?> AbandonRemovalAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var record in await issuedLinks.ListForRequestAsync(item.Id, cancellationToken))
        {
            if (record.RemovedAt is null)
            {
                await audit.RecordAsync(RemovalEvent(record, AuditEventType.LinkRemovalAbandoned, now), cancellationToken);
            }
        }

        return null;
    }

    private static AuditEvent RemovalEvent(IssuedLinkRecord record, AuditEventType type, DateTimeOffset at) => new(record.RequestId, type, at)
    {
        Requester = record.Requester.Key,
        Platform = record.Platform,
        Profile = record.Profile,
    };
}
