using System.Globalization;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Storage.Policy;

/// <summary>
/// Sliding-window hit counters in SQLite. Forget, count and record run in one savepoint of the writer's <c>BEGIN IMMEDIATE</c> transaction, so
/// replicas sharing the file cannot both take the last slot. The window is (now - window, now].
/// </summary>
public sealed class SqliteRateLimitStore(SqliteConnectionFactory connections) : IRateLimitStore
{
    public async Task<bool> TryAcquireAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        if (limit <= 0)
        {
            return false;
        }

        await using var connection = await connections.SessionAsync(cancellationToken);
        await using var transaction = await connection.SavepointAsync(cancellationToken);
        var command = connection.Command("""
            DELETE FROM rate_limit_hits WHERE key = $key AND at <= $cutoff;
            SELECT COUNT(*) FROM rate_limit_hits WHERE key = $key;
            """);
        command.With("$key", key).With("$cutoff", SqliteValues.Time(now - window));
        var count = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (count >= limit)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var insert = connection.Command("INSERT INTO rate_limit_hits (key, at, expires_at) VALUES ($key, $at, $expires_at);");
        await insert.With("$key", key).With("$at", SqliteValues.Time(now)).With("$expires_at", SqliteValues.Time(now + window)).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);

        // Rows from before schema 2 have no expiry: a day is longer than any window the options allow.
        var command = connection.Command("DELETE FROM rate_limit_hits WHERE expires_at <= $now OR (expires_at IS NULL AND at <= $day_ago);");
        command.With("$now", SqliteValues.Time(now)).With("$day_ago", SqliteValues.Time(now - TimeSpan.FromDays(1)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
