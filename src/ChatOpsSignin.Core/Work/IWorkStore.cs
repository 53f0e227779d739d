using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// Port: the durable work items and their leases. Every accepted request has one item until its flow ends; a replica
/// runs a step only while it holds the item's lease, and records the outcome with a write that is conditional on the
/// lease token, so two replicas never both advance one request.
/// </summary>
public interface IWorkStore
{
    /// <summary>Adds a new item leased to <paramref name="owner"/> until <paramref name="leaseUntil"/>; null if the id exists.</summary>
    Task<LeasedWork?> TryAddAsync(WorkItem item, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> items that are due at <paramref name="now"/> and not leased (or whose lease
    /// ran out), oldest due first. Two replicas calling at once never get the same item.
    /// </summary>
    Task<IReadOnlyList<LeasedWork>> LeaseDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the item if <paramref name="lease"/> is still current. With <paramref name="keepLeaseUntil"/> the lease is
    /// renewed (a new token), else released. Null when the lease was lost: the caller must drop its work.
    /// </summary>
    Task<LeasedWork?> TryAdvanceAsync(LeasedWork lease, WorkItem next, DateTimeOffset? keepLeaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a held lease to <paramref name="until"/> without changing its token, while a step is still running (the
    /// driver's heartbeat). False when the lease was lost: the running step must stop.
    /// </summary>
    Task<bool> TryRenewAsync(LeasedWork lease, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes the finished item if <paramref name="lease"/> is still current.</summary>
    Task<bool> TryCompleteAsync(LeasedWork lease, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the item due at <paramref name="now"/> and drops any lease, but only while it is at <paramref name="step"/>
    /// (a step that only reads, so cutting a running lease short is harmless). False when it is elsewhere or gone.
    /// </summary>
    Task<bool> WakeAsync(RequestId id, WorkStep step, DateTimeOffset now, CancellationToken cancellationToken);

    Task<WorkItem?> GetAsync(RequestId id, CancellationToken cancellationToken);

    /// <summary>Items due at <paramref name="now"/> that nobody holds: the backlog, for metrics and readiness.</summary>
    Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
