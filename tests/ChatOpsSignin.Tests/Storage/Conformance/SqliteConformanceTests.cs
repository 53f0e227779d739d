using ChatOpsSignin.Storage.Approvals;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Delivery;
using ChatOpsSignin.Storage.Links;
using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Work;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>The conformance suite on SQLite: a real file in a temp folder, one connection factory per replica.</summary>
public sealed class SqliteConformanceTests : StoreConformance, IDisposable
{
    private readonly TempDatabase database = new();

    protected override StoreSet NewReplica()
    {
        var connections = database.NewReplica();
        return new StoreSet(
            new SqliteApprovalStore(connections),
            new SqliteWorkStore(connections),
            new SqliteIssuedLinkStore(connections),
            new SqliteAuditLog(connections),
            new SqliteRateLimitStore(connections),
            new SqliteReplayGuard(connections))
        {
            Tickets = new SqliteLinkTicketStore(connections),
        };
    }

    public void Dispose() => database.Dispose();
}
