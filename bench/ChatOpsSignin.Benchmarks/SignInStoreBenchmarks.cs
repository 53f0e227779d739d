using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Sqlite;
using ChatOpsSignin.Storage.Work;

namespace ChatOpsSignin.Benchmarks;

/// <summary>
/// The store writes of one sign-in without approval, in the order the front door and the driver make them, on a real
/// SQLite file (WAL): add the work item, audit "requested", advance to Issue, record the show, audit "credentials
/// issued", audit "delivered", schedule the link's removal; alone, and 32 sign-ins at once (as under load, where
/// concurrent operations share commits). Plus the cost of one pooled open.
/// </summary>
[MemoryDiagnoser]
public class SignInStoreBenchmarks : SqliteBenchmark
{
    private SqliteWorkStore work = null!;
    private SqliteAuditLog audit = null!;

    protected override void CreateStores(SqliteConnectionFactory connections)
    {
        work = new SqliteWorkStore(connections);
        audit = new SqliteAuditLog(connections);
    }

    /// <summary>Open a pooled connection (with whatever per-open pragmas the factory sends) and give it back.</summary>
    [Benchmark]
    public async Task OpenPooledConnection()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
    }

    /// <summary>Per sign-in, with 32 running at once.</summary>
    [Benchmark(OperationsPerInvoke = 32)]
    public Task StoreWritesOf32ConcurrentSignIns() =>
        Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(StoreWritesOfOneSignIn)));

    [Benchmark]
    public async Task<bool> StoreWritesOfOneSignIn()
    {
        var request = new SigninRequest(RequestId.New(), Requester, "prod", "bench", "{}", Now);
        var lease = (await work.TryAddAsync(WorkItem.New(request), "bench", Now.AddMinutes(1), CancellationToken.None))!;
        await Audit(request, AuditEventType.Requested);
        var issue = lease.Item.Then(WorkStep.Issue, Now);
        lease = (await work.TryAdvanceAsync(lease, issue, Now.AddMinutes(1), CancellationToken.None))!;
        var shown = issue with { State = issue.State with { LinkSlot = "D1", ShowStartedAt = Now } };
        lease = (await work.TryAdvanceAsync(lease, shown, Now.AddMinutes(1), CancellationToken.None))!;
        await Audit(request, AuditEventType.CredentialsIssued);
        await Audit(request, AuditEventType.LinkDelivered);
        return await work.TryAdvanceAsync(lease, shown.Then(WorkStep.RemoveLink, Now.AddHours(1)), null, CancellationToken.None) is not null;
    }

    private Task Audit(SigninRequest request, AuditEventType type) => audit.AppendAsync(
        new AuditEvent(request.Id, type, Now) { Requester = Requester.Id.Key, Profile = "prod" }, CancellationToken.None);
}
