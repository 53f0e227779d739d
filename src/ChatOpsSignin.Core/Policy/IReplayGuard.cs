namespace ChatOpsSignin.Core.Policy;

/// <summary>Port: remembers which signed inbound requests were accepted, so a replay inside their window is refused.</summary>
public interface IReplayGuard
{
    /// <summary>
    /// Remembers <paramref name="key"/> until <paramref name="expiresAt"/>. True the first time (or once an earlier entry
    /// expired at <paramref name="now"/>); false for a replay. Two replicas racing on one key: one true.
    /// </summary>
    Task<bool> TryFirstSightingAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Forgets entries expired at <paramref name="now"/>.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
