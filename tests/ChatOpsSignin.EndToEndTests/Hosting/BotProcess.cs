using System.Diagnostics;
using System.Net;
using System.Text;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>
/// The bot's executable as its own process on a loopback port, so a test can kill it for real (SIGKILL, no shutdown
/// code runs) and start it again on the same store. <see cref="ClockOffset"/> runs it under libfaketime (Debian
/// <c>faketime</c>), so a restarted bot can find itself minutes later without anyone waiting.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    public const string FakeTimeLibrary = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private BotProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the bot wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? clockOffset = null)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatops-signin.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (clockOffset is { } offset)
        {
            if (!File.Exists(FakeTimeLibrary))
            {
                throw new InvalidOperationException($"{FakeTimeLibrary} is missing: install Debian's faketime (.ci/install-faketime.sh).");
            }

            start.Environment["LD_PRELOAD"] = FakeTimeLibrary;
            start.Environment["FAKETIME"] = $"+{(int)offset.TotalSeconds}s";
            start.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
            start.Environment["FAKETIME_NO_CACHE"] = "1";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitUntilUpAsync(TimeSpan.FromSeconds(60));
        return bot;
    }

    /// <summary>SIGKILL: the process gets no chance to finish, release or flush anything.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastError = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot did not answer /healthz within {timeout} ({lastError?.GetType().Name}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
