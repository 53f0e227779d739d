using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Benchmarks;

/// <summary>A real SQLite file (WAL) in a temp folder, migrated before the first iteration and deleted after the last.</summary>
public abstract class SqliteBenchmark
{
    protected static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly ChatUser Requester = new(ChatUserId.Slack("T1", "U1"), "alice");
    private string folder = null!;

    protected SqliteConnectionFactory Connections { get; private set; } = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        Connections = new SqliteConnectionFactory(Path.Combine(folder, "bench.db"));
        await Connections.InitialiseAsync(CancellationToken.None);
        CreateStores(Connections);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Connections.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    protected abstract void CreateStores(SqliteConnectionFactory connections);
}
