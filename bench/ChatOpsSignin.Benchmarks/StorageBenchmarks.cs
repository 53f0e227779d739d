using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Approvals;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Benchmarks;

/// <summary>The store operations on a request's path, on a real SQLite file (WAL) in a temp folder.</summary>
[MemoryDiagnoser]
public class StorageBenchmarks : SqliteBenchmark
{
    private static readonly ChatUser Approver = new(ChatUserId.Slack("T1", "U9"), "lead");
    private SqliteApprovalStore approvals = null!;
    private SqliteAuditLog audit = null!;

    protected override void CreateStores(SqliteConnectionFactory connections)
    {
        approvals = new SqliteApprovalStore(connections);
        audit = new SqliteAuditLog(connections);
    }

    /// <summary>Add a pending approval, then decide it: the two writes an approval costs.</summary>
    [Benchmark]
    public async Task<bool> AddAndDecide()
    {
        var request = new SigninRequest(RequestId.New(), Requester, "prod", "bench", "{}", Now);
        await approvals.TryAddAsync(new PendingApproval(request, Now.AddMinutes(30), ApprovalState.Pending), CancellationToken.None);
        var (won, _) = await approvals.TryDecideAsync(request.Id, ApprovalState.Approved, Approver, Now, CancellationToken.None);
        return won;
    }

    [Benchmark]
    public Task AppendAuditEvent() => audit.AppendAsync(
        new AuditEvent(RequestId.New(), AuditEventType.Requested, Now) { Requester = Requester.Id.Key, Profile = "prod" },
        CancellationToken.None);
}
