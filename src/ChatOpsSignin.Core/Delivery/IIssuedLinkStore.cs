using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>Port: issued-link records, so links are removed from chat at expiry even across restarts.</summary>
public interface IIssuedLinkStore
{
    Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken);

    /// <summary>Links whose expiry has passed at <paramref name="now"/> and that are not yet removed.</summary>
    Task<IReadOnlyList<IssuedLinkRecord>> ListDueForRemovalAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks removal once; false when another replica already did.</summary>
    Task<bool> TryMarkRemovedAsync(RequestId id, DateTimeOffset at, CancellationToken cancellationToken);
}
