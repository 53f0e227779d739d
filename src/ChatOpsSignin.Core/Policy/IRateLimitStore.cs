namespace ChatOpsSignin.Core.Policy;

/// <summary>Port: persisted sliding-window counters.</summary>
public interface IRateLimitStore
{
    /// <summary>Atomically counts hits for <paramref name="key"/> since <c>now - window</c> and records one more if under <paramref name="limit"/>.</summary>
    /// <returns>True if the hit was recorded (under the limit).</returns>
    Task<bool> TryAcquireAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets hits that are outside their window at <paramref name="now"/>.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
