using ChatOpsSignin.Storage.DynamoDb;
using ChatOpsSignin.Storage.DynamoDb.Table;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

/// <summary>One in-memory dynalite for the DynamoDB tests; each test gets its own table, so tests never see each other.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? server;

    public DynaliteServer Server => server ?? throw new InvalidOperationException("dynalite is not started");

    public async Task InitializeAsync() => server = await DynaliteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A fresh table, created the way start-up creates it.</summary>
    public async Task<DynamoDbTable> NewTableAsync()
    {
        var options = Server.Options("t-" + Guid.NewGuid().ToString("N"));
        var table = new DynamoDbTable(Server.Client(), options.TableName);
        await new TableProvisioner(table, options, TimeProvider.System, NullLogger<TableProvisioner>.Instance)
            .EnsureAsync(mayCreate: true, ensureTimeToLive: false, CancellationToken.None);
        return table;
    }
}

[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
