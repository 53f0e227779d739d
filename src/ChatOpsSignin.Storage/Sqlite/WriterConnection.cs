using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// The shared writer's connection and its prepared statements. Microsoft.Data.Sqlite prepares a command's SQL once and
/// keeps the statement for as long as the command lives; a command per operation re-parsed and re-planned every
/// statement, more than half of a small INSERT's cost. Statements are kept per SQL text while the connection is open,
/// up to <see cref="MaxStatements"/>; closing the connection finalises them.
/// </summary>
internal sealed class WriterConnection(SqliteConnection connection) : IDisposable
{
    /// <summary>More than the stores' distinct statements; SQL built per call (audit queries) may pass it and is then not kept.</summary>
    public const int MaxStatements = 64;

    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>Batches committed on this connection.</summary>
    public int Batches { get; set; }

    /// <summary>The kept command for <paramref name="sql"/>, parameters cleared; null when the cache is full (the caller makes its own).</summary>
    public SqliteCommand? Kept(string sql)
    {
        if (statements.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (statements.Count >= MaxStatements)
        {
            return null;
        }

        command = Unkept(sql);
        statements.Add(sql, command);
        return command;
    }

    /// <summary>A command of the caller's own for <paramref name="sql"/>, on this connection; the caller disposes it.</summary>
    public SqliteCommand Unkept(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        if (Kept(sql) is { } kept)
        {
            await kept.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var command = Unkept(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        foreach (var command in statements.Values)
        {
            command.Dispose();
        }

        statements.Clear();
        connection.Dispose();
    }
}
