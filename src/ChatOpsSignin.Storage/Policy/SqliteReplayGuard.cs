using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Storage.Policy;

/// <summary>
/// Replay-guard entries in SQLite: one row per key. The insert replaces a row only once it has expired, and SQLite
/// serialises writers, so of two replicas that see one request, one inserts and the other is told it is a replay.
/// </summary>
public sealed class SqliteReplayGuard(SqliteConnectionFactory connections) : IReplayGuard
{
    public async Task<bool> TryFirstSightingAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("""
            INSERT INTO replay_guard (key, expires_at) VALUES ($key, $expires_at)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_guard.expires_at <= $now;
            """);
        command.With("$key", key).With("$expires_at", SqliteValues.Time(expiresAt)).With("$now", SqliteValues.Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("DELETE FROM replay_guard WHERE expires_at <= $now;");
        return await command.With("$now", SqliteValues.Time(now)).ExecuteNonQueryAsync(cancellationToken);
    }
}
