using ChatOpsSignin.Storage.Postgres;

namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>
/// Base of the PostgreSQL store tests: a fresh database per test (so counts and orders see only the test's rows), and
/// <see cref="NewReplica"/> for another process's view of it (its own pooled data source).
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresTestDatabase(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly List<PostgresDatabase> replicas = [];

    protected string ConnectionString { get; private set; } = string.Empty;

    protected PostgresDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await cluster.CreateDatabaseAsync();
        Database = NewReplica();
    }

    protected PostgresDatabase NewReplica()
    {
        var replica = new PostgresDatabase(ConnectionString);
        replicas.Add(replica);
        return replica;
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
