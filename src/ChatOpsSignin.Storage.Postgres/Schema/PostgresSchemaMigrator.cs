using System.Globalization;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Schema;

/// <summary>
/// Brings a database to <see cref="PostgresSchemaMigrations.Latest"/>. The version lives in <c>schema_version</c>; the
/// check and the scripts run in one transaction that first takes a transaction-scoped advisory lock, so when two
/// replicas start together one migrates and the other waits, then finds nothing to do.
/// https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
/// </summary>
internal static class PostgresSchemaMigrator
{
    // Any fixed bigint works; this one is "chatops" in ASCII. Store locks use the two-int key space, which never overlaps.
    private const long MigrationLock = 0x63686174_6f7073;

    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock.ToString(CultureInfo.InvariantCulture)});", cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken);

        var current = await ReadVersionAsync(connection, cancellationToken);
        if (current > PostgresSchemaMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database {connection.Database} has schema version {current}, newer than this build knows ({PostgresSchemaMigrations.Latest}). Run a newer build.");
        }

        foreach (var (version, script) in PostgresSchemaMigrations.All.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, script, cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO schema_version (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)});", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Math.Max(current, PostgresSchemaMigrations.Latest);
    }

    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
