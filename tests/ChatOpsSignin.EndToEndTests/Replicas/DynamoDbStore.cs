using ChatOpsSignin.Tests.Storage.DynamoDb;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// dynalite on a loopback port, on LevelDB in a temp folder (so a killed dynalite comes back with its data), and the
/// table name every replica uses; the first replica to start creates the table.
/// </summary>
public sealed class DynamoDbStore : SharedStore
{
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-dynalite-").FullName;
    private DynaliteServer server = null!;
    private Dictionary<string, string> settings = [];

    private DynamoDbStore()
    {
    }

    public override IReadOnlyDictionary<string, string> Settings => settings;

    public static async Task<DynamoDbStore> StartAsync()
    {
        var store = new DynamoDbStore();
        store.server = await DynaliteServer.StartAsync(store.folder);
        store.settings = new()
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:TableName"] = "chatops-replicas",
            ["Storage:DynamoDb:ServiceUrl"] = store.server.ServiceUrl.AbsoluteUri,
            ["Storage:DynamoDb:Region"] = "us-east-1",

            // dynalite has no UpdateTimeToLive.
            ["Storage:DynamoDb:ConfigureTimeToLive"] = "false",
        };
        return store;
    }

    /// <summary>SIGKILL: dynalite keeps nothing in memory that LevelDB has not been handed.</summary>
    public override async Task LoseAsync() => await server.DisposeAsync();

    public override async Task RestoreAsync() => server = await DynaliteServer.StartAsync(folder, server.ServiceUrl.Port);

    public override async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
