using ChatOpsSignin.Storage.DynamoDb;
using ChatOpsSignin.Storage.DynamoDb.Approvals;
using ChatOpsSignin.Storage.DynamoDb.Audit;
using ChatOpsSignin.Storage.DynamoDb.Delivery;
using ChatOpsSignin.Storage.DynamoDb.Links;
using ChatOpsSignin.Storage.DynamoDb.Policy;
using ChatOpsSignin.Storage.DynamoDb.Work;
using ChatOpsSignin.Tests.Storage.DynamoDb;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>
/// The conformance suite on DynamoDB: a real dynalite, a fresh table per test (created as start-up creates it), and one
/// client per replica, so two replicas are two independent connections to one table.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbConformanceTests(DynaliteFixture dynalite) : StoreConformance, IAsyncLifetime
{
    private DynamoDbTable? table;

    public async Task InitializeAsync() => table = await dynalite.NewTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override StoreSet NewReplica()
    {
        var replica = (table ?? throw new InvalidOperationException("no table yet")) with { Client = dynalite.Server.Client() };
        return new StoreSet(
            new DynamoDbApprovalStore(replica),
            new DynamoDbWorkStore(replica),
            new DynamoDbIssuedLinkStore(replica),
            new DynamoDbAuditLog(replica),
            new DynamoDbRateLimitStore(replica),
            new DynamoDbReplayGuard(replica))
        {
            Tickets = new DynamoDbLinkTicketStore(replica),
        };
    }
}
