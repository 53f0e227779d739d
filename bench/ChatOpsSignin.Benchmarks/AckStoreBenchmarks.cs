using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using ChatOpsSignin.Storage.Work;

namespace ChatOpsSignin.Benchmarks;

/// <summary>
/// The store writes a Slack ack makes before it answers, on a real SQLite file (WAL): the signature's replay-guard
/// entry, the requester's rate-limit hit and the new work item. Each committed on its own (as before the shared commit,
/// and as Socket Mode and Teams still do), and the three in one shared commit (the HTTP slash command).
/// </summary>
[MemoryDiagnoser]
public class AckStoreBenchmarks : SqliteBenchmark
{
    private SqliteReplayGuard replays = null!;
    private SqliteRateLimitStore rateLimits = null!;
    private SqliteWorkStore work = null!;

    protected override void CreateStores(SqliteConnectionFactory connections)
    {
        replays = new SqliteReplayGuard(connections);
        rateLimits = new SqliteRateLimitStore(connections);
        work = new SqliteWorkStore(connections);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> AckWritesEachCommitted() => AckWritesAsync();

    [Benchmark]
    public async Task<bool> AckWritesInOneSharedCommit()
    {
        await using var shared = Connections.Begin();
        return await AckWritesAsync();
    }

    private async Task<bool> AckWritesAsync()
    {
        var request = new SigninRequest(RequestId.New(), Requester, "prod", "bench", "{}", Now);
        await replays.TryFirstSightingAsync("slack-signature:" + request.Id.Value, Now, Now.AddMinutes(10), CancellationToken.None);
        await rateLimits.TryAcquireAsync("user|" + request.Id.Value, Now, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        return await work.TryAddAsync(WorkItem.New(request), "bench", Now.AddMinutes(1), CancellationToken.None) is not null;
    }
}
