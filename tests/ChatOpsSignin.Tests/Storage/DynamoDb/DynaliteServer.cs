using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

/// <summary>
/// A real dynalite (DynamoDB on LevelDB, from tests/dynalite, installed by .ci/install-dynalite.sh) on a free loopback
/// port: in memory, or in <paramref name="dataPath"/> so a restart keeps the data. Killed on dispose.
/// Also compiled into ChatOpsSignin.EndToEndTests (linked), where the bot processes use it; the SDK client half is in
/// DynaliteServer.Client.cs, for this project only.
/// </summary>
public sealed partial class DynaliteServer : IAsyncDisposable
{
    private readonly Process process;
    private bool disposed;

    private DynaliteServer(Process process, Uri serviceUrl)
    {
        this.process = process;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    public static async Task<DynaliteServer> StartAsync(string? dataPath = null, int? port = null)
    {
        var cli = Path.Combine(RepositoryRoot(), "tests", "dynalite", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is not installed at {cli}: run .ci/install-dynalite.sh (npm ci in tests/dynalite).");
        }

        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "--host", "127.0.0.1", "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "50" })
        {
            start.ArgumentList.Add(arg);
        }

        if (dataPath is not null)
        {
            start.ArgumentList.Add("--path");
            start.ArgumentList.Add(dataPath);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DynaliteServer(process, new Uri($"http://127.0.0.1:{chosen}"));
        await server.WaitListeningAsync(chosen, TimeSpan.FromSeconds(20));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {process.ExitCode} before listening on port {port}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await DisposeAsync();
        throw new TimeoutException($"dynalite did not listen on port {port} within {timeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot() =>
        typeof(DynaliteServer).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
