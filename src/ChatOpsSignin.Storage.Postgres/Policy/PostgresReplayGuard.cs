using ChatOpsSignin.Core.Policy;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Policy;

/// <summary>
/// Replay-guard entries in PostgreSQL: one row per key. <c>INSERT … ON CONFLICT</c> is atomic and replaces a row only
/// once it has expired, so of two replicas that see one request, one writes and the other is told it is a replay.
/// </summary>
public sealed class PostgresReplayGuard(PostgresDatabase database) : IReplayGuard
{
    public async Task<bool> TryFirstSightingAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO replay_guard (key, expires_at) VALUES (@key, @expires_at)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_guard.expires_at <= @now;
            """,
            connection);
        command.With("key", key).With("expires_at", PostgresValues.Time(expiresAt)).With("now", PostgresValues.Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM replay_guard WHERE expires_at <= @now;", connection);
        return await command.With("now", PostgresValues.Time(now)).ExecuteNonQueryAsync(cancellationToken);
    }
}
