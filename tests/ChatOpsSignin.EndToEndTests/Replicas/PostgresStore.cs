using ChatOpsSignin.Tests.Storage.Postgres;
using Npgsql;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// A throwaway PostgreSQL cluster (initdb + pg_ctl on loopback) with one database that every replica uses. The bots
/// log in as an ordinary role that owns that database (no superuser), as the README tells a deployment to set it up.
/// </summary>
public sealed class PostgresStore : SharedStore
{
    private readonly PostgresCluster cluster = new();
    private Dictionary<string, string> settings = [];
    private string role = string.Empty;

    private PostgresStore()
    {
    }

    public override IReadOnlyDictionary<string, string> Settings => settings;

    public static async Task<PostgresStore> StartAsync()
    {
        var store = new PostgresStore();
        await store.cluster.InitializeAsync();

        var role = store.role = "chatops_bot_" + Guid.NewGuid().ToString("N")[..8];
        var database = new NpgsqlConnectionStringBuilder(await store.cluster.CreateDatabaseAsync()).Database!;
        await using (var admin = new NpgsqlConnection(store.cluster.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN PASSWORD 'replica-test'; ALTER DATABASE {database} OWNER TO {role};", admin);
            await command.ExecuteNonQueryAsync();
        }

        // Fail fast while the server is gone, so an edge answers within the test's bounds.
        var connection = new NpgsqlConnectionStringBuilder(store.cluster.AdminConnectionString)
        {
            Database = database, Username = role, Password = "replica-test", Timeout = 3, Pooling = true,
        };
        store.settings = new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = connection.ConnectionString,
        };
        return store;
    }

    public override Task LoseAsync() => cluster.StopAsync();

    public override Task RestoreAsync() => cluster.StartAsync();

    public override async ValueTask DisposeAsync()
    {
        await cluster.DisposeAsync();
        if (Environment.GetEnvironmentVariable(PostgresCluster.ExternalVariable) is { Length: > 0 } && role.Length > 0)
        {
            // A role outlives its database on a shared server; a throwaway cluster takes it along.
            await using var admin = new NpgsqlConnection(cluster.AdminConnectionString);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS {role};", admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
