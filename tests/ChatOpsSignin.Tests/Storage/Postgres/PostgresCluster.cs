using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>initdb</c> into a temp folder, <c>pg_ctl start</c> on a free
/// loopback port (socket in the same folder), stopped and deleted at the end. initdb refuses to run as root, so as
/// root the cluster runs as the <c>postgres</c> user (created by Debian's package) through <c>runuser</c>.
/// With <c>POSTGRES_TEST_CONNECTION</c> set, that server is used instead and only the test databases are dropped.
/// Also compiled into ChatOpsSignin.EndToEndTests (linked), where bot processes share one cluster and a test may take
/// the server away (<see cref="StopAsync"/>) and bring it back (<see cref="StartAsync"/>).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string ExternalVariable = "POSTGRES_TEST_CONNECTION";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> databases = [];
    private string? folder;
    private string? binaries;
    private string? runAs;
    private string serverSettings = string.Empty;

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external)
        {
            AdminConnectionString = external;
            return;
        }

        binaries = PostgresBinaries.FindFolder() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no initdb on PATH or in /usr/lib/postgresql/<ver>/bin. Run .ci/install-postgres.sh, or set " + ExternalVariable + ".");
        folder = Path.Combine(Path.GetTempPath(), "chatops-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            runAs = "postgres";
            if (!File.ReadAllLines("/etc/passwd").Any(line => line.StartsWith(runAs + ":", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(
                    "initdb refuses to run as root and there is no postgres user to run it as: install Debian's postgresql package (.ci/install-postgres.sh) or set " + ExternalVariable + ".");
            }

            await BoundedProcess.RunAsync("chown", [runAs, folder], CommandTimeout);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync("initdb", ["-D", data, "-U", "chatops", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var port = FreeLoopbackPort();

        // A throwaway cluster, fast and quiet. fsync off is safe here: the tests kill the server, never the machine, and the OS keeps what was written. Commits
        // stay synchronous: an asynchronous commit still in the server's WAL buffers is lost by an immediate stop, and the
        // replica tests stop the server on purpose (a run once lost the schema that way).
        serverSettings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200";
        await StartAsync();
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=chatops;Database=postgres;Timeout=10;Pooling=false";
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data; waits until it accepts connections.</summary>
    public Task StartAsync() =>
        RunAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(OwnFolder, "server.log"), "-w", "-t", "60", "-o", serverSettings, "start"]);

    /// <summary>The server dies at once (<c>-m immediate</c>: no shutdown checkpoint, clients are cut off), as in a crash.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "-t", "60", "stop"]);

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "chatops_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name};");
        lock (databases)
        {
            databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (folder is null)
        {
            foreach (var name in databases)
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
            }

            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await StopAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string OwnFolder => folder ?? throw new InvalidOperationException($"The server in {ExternalVariable} is not this fixture's to start or stop.");

    private string DataFolder => Path.Combine(OwnFolder, "data");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<string> RunAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(binaries!, tool);
        return runAs is null
            ? BoundedProcess.RunAsync(path, arguments, CommandTimeout)
            : BoundedProcess.RunAsync("runuser", ["-u", runAs, "--", path, .. arguments], CommandTimeout);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
