using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file, configured for several processes on the same file (WAL, busy timeout,
/// foreign keys). The first open creates the folder and migrates the schema, so CLI verbs that never start hosted
/// services get a ready database too.
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    /// <summary>How long a writer waits for another process's lock before SQLite reports busy.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string connectionString;
    private readonly SemaphoreSlim initialising = new(1, 1);
    private volatile bool ready;

    public SqliteConnectionFactory(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>An open connection with this connection's pragmas set; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await InitialiseAsync(cancellationToken);
        }

        return await OpenConfiguredAsync(cancellationToken);
    }

    /// <summary>Creates the folder and the file and brings the schema to the latest version. Safe to call again.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await initialising.WaitAsync(cancellationToken);
        try
        {
            if (ready)
            {
                return;
            }

            CreateOwnerOnly(DatabasePath);
            await using var connection = await OpenConfiguredAsync(cancellationToken);
            await SchemaMigrator.MigrateAsync(connection, cancellationToken);
            ready = true;
        }
        finally
        {
            initialising.Release();
        }
    }

    /// <summary>
    /// The folder (0700) and the file (0600) are created readable by the bot's user only: the trail names who may reach
    /// which role. SQLite gives its -wal and -shm files the main file's mode. Existing files keep the mode an admin chose.
    /// </summary>
    private static void CreateOwnerOnly(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(databasePath))
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
    }

    /// <summary>Closes this file's pooled connections so the file is released (tests, shutdown).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        initialising.Dispose();
    }

    private async Task<SqliteConnection> OpenConfiguredAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
