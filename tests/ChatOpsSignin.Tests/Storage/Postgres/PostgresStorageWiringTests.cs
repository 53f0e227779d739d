using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChatOpsSignin.Cli;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Hosting;
using ChatOpsSignin.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>Storage:Provider=Postgres through the host's engine selection: what it registers and how bad settings stop start-up.</summary>
public sealed class PostgresStorageWiringTests(PostgresCluster cluster) : PostgresTestDatabase(cluster)
{
    private const string Secret = "s3cret-never-shown";

    [Fact]
    public async Task The_Engine_Registers_All_Six_Stores_And_A_Status_Without_The_Password()
    {
        using var host = BuildHost(new() { ["Storage:Provider"] = "postgres", ["Storage:Postgres:ConnectionString"] = ConnectionString + $";Password={Secret}" });
        await host.StartAsync();

        var status = host.Services.GetRequiredService<RoomStatus>();
        Assert.StartsWith("Postgres at 127.0.0.1:", status.Why, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, status.Why, StringComparison.Ordinal);
        Assert.IsType<PostgresDatabase>(host.Services.GetRequiredService<IStoreMigrator>());
        Assert.NotNull(host.Services.GetRequiredService<IApprovalStore>());
        Assert.NotNull(host.Services.GetRequiredService<IWorkStore>());
        Assert.NotNull(host.Services.GetRequiredService<IIssuedLinkStore>());
        Assert.NotNull(host.Services.GetRequiredService<IAuditLog>());
        Assert.NotNull(host.Services.GetRequiredService<IRateLimitStore>());
        Assert.NotNull(host.Services.GetRequiredService<IReplayGuard>());
        await host.StopAsync();
    }

    public static TheoryData<string?, string> BadConnectionStrings => new()
    {
        { null, "Storage:Postgres:ConnectionString: is empty" },
        { " ", "Storage:Postgres:ConnectionString: is empty" },
        { "Hots=db;Password=" + Secret, "Storage:Postgres:ConnectionString: is not a valid Npgsql connection string" },
        { "Database=chatops;Password=" + Secret, "Storage:Postgres:ConnectionString: names no Host" },
    };

    [Theory]
    [MemberData(nameof(BadConnectionStrings))]
    public async Task A_Bad_Connection_String_Stops_Start_Up_Naming_The_Key(string? connectionString, string expected)
    {
        using var host = BuildHost(new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = connectionString });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Unknown_Provider_Stops_Start_Up_Naming_The_Key()
    {
        using var host = BuildHost(new() { ["Storage:Provider"] = "Mongo" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("Storage:Provider: 'Mongo' is not supported", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Engine_That_Refuses_Connections_Stops_Start_Up_Naming_The_Key()
    {
        using var host = BuildHost(Settings($"Host=127.0.0.1;Port={ClosedPort()};Username=chatops;Password={Secret};Timeout=5"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith("Storage:Postgres:ConnectionString: cannot reach or migrate PostgreSQL at 127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Engine_That_Never_Answers_Stops_Start_Up_Within_The_Connect_Timeout()
    {
        // Accepts the TCP connection and then says nothing: a hung server, a wrong port behind a firewall that accepts.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var host = BuildHost(Settings($"Host=127.0.0.1;Port={port};Username=chatops;Timeout=2;Command Timeout=2"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith("Storage:Postgres:ConnectionString: cannot reach or migrate PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_Migrate_Verb_Creates_The_Schema_And_Exits_Zero()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var context = new CliContext(output, errors, Settings(ConnectionString), null);

        var exit = await CliVerbs.RunAsync(["migrate"], context);

        Assert.Equal((0, string.Empty), (exit, errors.ToString()));
        Assert.StartsWith("migrate: Postgres at 127.0.0.1:", output.ToString(), StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT MAX(version) FROM schema_version;", connection);
        Assert.Equal(ChatOpsSignin.Storage.Postgres.Schema.PostgresSchemaMigrations.Latest, await version.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_Migrate_Verb_Reports_An_Unreachable_Engine_By_Key()
    {
        var errors = new StringWriter();
        var context = new CliContext(new StringWriter(), errors, Settings($"Host=127.0.0.1;Port={ClosedPort()};Username=chatops;Password={Secret}"), null);

        var exit = await CliVerbs.RunAsync(["migrate"], context);

        Assert.Equal(2, exit);
        Assert.StartsWith("migrate FAILED: Storage:Postgres:ConnectionString: cannot reach", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, errors.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string connectionString) =>
        new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = connectionString };

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStorage(builder.Configuration);
        return builder.Build();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
