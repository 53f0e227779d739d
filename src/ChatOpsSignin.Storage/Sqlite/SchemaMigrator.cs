using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Brings a database to <see cref="SchemaMigrations.Latest"/>. The version lives in <c>PRAGMA user_version</c>; the
/// check and the scripts run inside one <c>BEGIN IMMEDIATE</c> transaction, so when two processes start together one
/// migrates and the other waits, then finds nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers and one writer from other processes work side by side; it persists in the file
        // and cannot be switched inside a transaction. https://www.sqlite.org/wal.html
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // deferred: false is BEGIN IMMEDIATE: take the write lock before reading the version, not on first write.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (current > SchemaMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"The database {connection.DataSource} has schema version {current}, newer than this build knows ({SchemaMigrations.Latest}). Run a newer build.");
        }

        foreach (var (version, script) in SchemaMigrations.All.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, script, cancellationToken);
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
