using ChatOpsSignin.Core.Policy;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Policy;

/// <summary>
/// Sliding-window hit counters in PostgreSQL. Each call takes a transaction-scoped advisory lock on its key, then
/// forgets, counts and records, so replicas cannot both take the last slot. The window is (now - window, now].
/// </summary>
public sealed class PostgresRateLimitStore(PostgresDatabase database) : IRateLimitStore
{
    // The first half of a two-int advisory key: this store's own lock space (the second half is the key's hash).
    private const int LockSpace = 0x726c; // "rl"

    public async Task<bool> TryAcquireAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        if (limit <= 0)
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockKey = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@key));", connection))
        {
            await lockKey.With("space", LockSpace).With("key", key).ExecuteNonQueryAsync(cancellationToken);
        }

        // After the lock, so this statement's snapshot sees every hit committed by whoever held it before.
        await using var acquire = new NpgsqlCommand(
            """
            WITH forgotten AS (DELETE FROM rate_limit_hits WHERE key = @key AND at <= @cutoff),
                 live AS (SELECT COUNT(*) AS hits FROM rate_limit_hits WHERE key = @key AND at > @cutoff)
            INSERT INTO rate_limit_hits (key, at, expires_at)
            SELECT @key, @now, @expires_at FROM live WHERE hits < @limit;
            """,
            connection);
        var recorded = await acquire
            .With("key", key)
            .With("cutoff", PostgresValues.Time(now - window))
            .With("now", PostgresValues.Time(now))
            .With("expires_at", PostgresValues.Time(now + window))
            .With("limit", limit)
            .ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recorded == 1;
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM rate_limit_hits WHERE expires_at <= @now;", connection);
        return await command.With("now", PostgresValues.Time(now)).ExecuteNonQueryAsync(cancellationToken);
    }
}
