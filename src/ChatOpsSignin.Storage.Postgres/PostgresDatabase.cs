using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Storage.Postgres.Schema;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres;

/// <summary>
/// The process's one pooled <see cref="NpgsqlDataSource"/>. The first open migrates the schema, so CLI verbs that never
/// start hosted services get a ready database too. Failures to reach the engine name the key and the server, never the
/// connection string (it holds the password).
/// </summary>
public sealed class PostgresDatabase : IStoreMigrator, IAsyncDisposable, IDisposable
{
    /// <summary>Used when the connection string sets no bound (<c>Timeout=0</c>): an unreachable engine fails, never hangs.</summary>
    public const int DefaultConnectTimeoutSeconds = 15;

    private readonly NpgsqlDataSource dataSource;
    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool ready;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Timeout <= 0)
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        builder.ApplicationName ??= "chatops-signin";
        Server = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>Host, port and database: safe to log and show.</summary>
    public string Server { get; }

    /// <summary>The schema version after the last migration this process ran (0 before).</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>An open pooled connection on a migrated schema; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>Creates or brings the schema up to date. Safe to call again, and from several processes at once.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await migrating.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenRawAsync(cancellationToken);
            SchemaVersion = await PostgresSchemaMigrator.MigrateAsync(connection, cancellationToken);
            ready = true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Storage:Postgres:ConnectionString: cannot reach or migrate PostgreSQL at {Server}: {exception.Message}", exception);
        }
        finally
        {
            migrating.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        migrating.Dispose();
    }

    public void Dispose()
    {
        dataSource.Dispose();
        migrating.Dispose();
    }

    private ValueTask<NpgsqlConnection> OpenRawAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken);
}
