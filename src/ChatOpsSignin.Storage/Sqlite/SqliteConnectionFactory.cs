using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file, configured for several processes on the same file (WAL, busy timeout,
/// foreign keys). The first open creates the folder and migrates the schema, so CLI verbs that never start hosted
/// services get a ready database too.
/// <para>
/// Connections are pooled; the pragmas are per physical connection and survive its trips through the pool, so they are
/// sent once per physical connection (the first time its native handle is seen), not on every open.
/// <c>synchronous = NORMAL</c> in WAL mode: a commit is durable once it is in the WAL file, so it survives a crash or kill
/// of the process (the OS has the pages); only a power loss or OS crash can lose the last commits before a checkpoint,
/// and never corrupts the database. FULL (the default) fsyncs the WAL on every commit, which at ~10 commits per
/// request was the largest single cost of a sign-in. https://www.sqlite.org/pragma.html#pragma_synchronous
/// Checkpoints run on a connection of their own, not inside a commit (<see cref="WalCheckpoints"/>).
/// </para>
/// <para>
/// Stores work through <see cref="SessionAsync"/>: one writer connection per process, whose commits concurrent
/// operations share (<see cref="GroupCommit"/>). SQLite has one writer per file, and Microsoft.Data.Sqlite's async
/// methods run synchronously, so concurrent writers of one process used to wait for each other inside
/// <c>sqlite3_step</c> (the busy handler sleeps 1–100 ms on a thread-pool thread); they wait asynchronously for the gate
/// instead, which costs no thread. <see cref="OpenAsync"/> hands out a connection of its own (migrations, tests) behind
/// the same gate, released when it closes. Other processes on the same file are arbitrated by SQLite's lock and
/// <see cref="BusyTimeout"/>.
/// </para>
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    /// <summary>How long a writer waits for another process's lock before SQLite reports busy.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; " +
        $"PRAGMA wal_autocheckpoint = {WalCheckpoints.BackstopPages};";

    private readonly string connectionString;
    private readonly ConditionalWeakTable<sqlite3, object> configured = [];
    private readonly SemaphoreSlim initialising = new(1, 1);
    private readonly GroupCommit writes;
    private readonly WalCheckpoints checkpoints;
    private volatile bool ready;

    /// <param name="time">Schedules the WAL checkpoints (<see cref="WalCheckpoints"/>).</param>
    public SqliteConnectionFactory(string databasePath, TimeProvider? time = null)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        checkpoints = new WalCheckpoints(OpenWriterAsync, time ?? TimeProvider.System);
        writes = new GroupCommit(OpenWriterAsync, checkpoints.Committed);
    }

    public string DatabasePath { get; }

    /// <summary>Shared write transactions committed by this process (tests).</summary>
    internal int Commits => writes.Commits;

    /// <summary>Writer connections opened by this process (tests).</summary>
    internal int WriterOpens => writes.WriterOpens;

    /// <summary>The WAL checkpoints run off the write path (tests).</summary>
    internal WalCheckpoints Checkpoints => checkpoints;

    /// <summary>One store operation's turn at the shared writer; disposing it waits for the commit.</summary>
    public async Task<StoreSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await InitialiseAsync(cancellationToken);
        }

        return await StoreSession.BeginAsync(writes, cancellationToken);
    }

    /// <summary>A connection of the caller's own, with this connection's pragmas set; the caller disposes it.</summary>
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
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
    }

    /// <summary>Closes this file's pooled connections so the file is released (tests, shutdown).</summary>
    public void Dispose()
    {
        checkpoints.Dispose();
        writes.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        initialising.Dispose();
    }

    private async Task<SqliteConnection> OpenConfiguredAsync(CancellationToken cancellationToken)
    {
        await writes.EnterAsync(cancellationToken);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                writes.Release();
            }
        }

        try
        {
            await writes.CommitOpenAsync();
            var connection = await OpenWriterAsync(cancellationToken);
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == System.Data.ConnectionState.Closed)
                {
                    Release();
                }
            };
            return connection;
        }
        catch
        {
            Release();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = connection.Handle!;
            if (!configured.TryGetValue(handle, out _))
            {
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = ConnectionPragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
                configured.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
