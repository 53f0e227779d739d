using ChatOpsSignin.Storage.Postgres;
using ChatOpsSignin.Storage.Postgres.Approvals;
using ChatOpsSignin.Storage.Postgres.Audit;
using ChatOpsSignin.Storage.Postgres.Delivery;
using ChatOpsSignin.Storage.Postgres.Links;
using ChatOpsSignin.Storage.Postgres.Policy;
using ChatOpsSignin.Storage.Postgres.Work;
using ChatOpsSignin.Tests.Storage.Postgres;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>The conformance suite on PostgreSQL: a fresh database per test on the throwaway cluster, one data source per replica.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConformanceTests(PostgresCluster cluster) : StoreConformance, IAsyncLifetime
{
    private readonly List<PostgresDatabase> replicas = [];
    private string connectionString = string.Empty;

    public async Task InitializeAsync() => connectionString = await cluster.CreateDatabaseAsync();

    protected override StoreSet NewReplica()
    {
        var database = new PostgresDatabase(connectionString);
        replicas.Add(database);
        return new StoreSet(
            new PostgresApprovalStore(database),
            new PostgresWorkStore(database),
            new PostgresIssuedLinkStore(database),
            new PostgresAuditLog(database),
            new PostgresRateLimitStore(database),
            new PostgresReplayGuard(database))
        {
            Tickets = new PostgresLinkTicketStore(database),
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
