using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using Xunit.Abstractions;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>
/// scripts/try-it-locally.sh as a newcomer runs it: without credentials it says what to set; with them (here the AWS
/// stand-in's broker keys and endpoints, through the script's environment overrides) it starts the bot and the real
/// playground, which tests/playground/try-it.mjs drives in headless chromium until a working link card arrives.
/// </summary>
public sealed class TryItLocallyTests(ITestOutputHelper output)
{
    private const int PlaygroundPort = 56151; // PlaygroundEndToEndTests holds 56150
    private const string RoleArn = "arn:aws:iam::111122223333:role/Try";
    private static readonly string Script = Path.Combine(Repository.Root, "scripts", "try-it-locally.sh");

    [Fact]
    public async Task Without_Aws_Credentials_Or_A_Role_It_Says_What_To_Set_And_Fails()
    {
        var home = Directory.CreateTempSubdirectory("chatops-try-home-").FullName;
        using var process = Start(new Dictionary<string, string?> { ["HOME"] = home });
        var text = new StringBuilder();
        await PumpAsync(process, text, _ => false, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("TRY_ROLE_ARN=", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID", text.ToString(), StringComparison.Ordinal);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task It_Starts_The_Bot_And_The_Playground_Answers_With_A_Link()
    {
        var playground = Path.Combine(Repository.Root, "tests", "playground");
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian chromium is missing: run `bash .ci/install-playground.sh` once.");
        Assert.True(Directory.Exists(Path.Combine(playground, "node_modules")), "run `npm ci` in tests/playground (or bash .ci/install-playground.sh)");
        await using var aws = await AwsStandIn.StartAsync();
        aws.AddRole(RoleArn);
        using var script = Start(new Dictionary<string, string?>
        {
            ["TRY_ROLE_ARN"] = RoleArn,
            ["TRY_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TRY_BOT_DLL"] = Path.Combine(AppContext.BaseDirectory, "chatops-signin.dll"),
            ["TRY_PLAYGROUND_ARGS"] = $"-p {PlaygroundPort} --dt",
            ["BROWSER"] = "none",
            ["AWS_ACCESS_KEY_ID"] = aws.BrokerAccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = aws.BrokerSecretAccessKey,
            ["Aws__StsServiceUrl"] = aws.StsUrl.AbsoluteUri,
            ["Aws__FederationUrl"] = aws.FederationUrl.AbsoluteUri,
            ["Aws__Region"] = "us-east-1",
        });
        try
        {
            var text = new StringBuilder();
            var listening = await PumpAsync(script, text, t => t.Contains($"Listening on {PlaygroundPort}", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
            Assert.True(listening, "the playground did not start; the script's output is above");

            var drive = new ProcessStartInfo("node") { WorkingDirectory = playground, RedirectStandardOutput = true, RedirectStandardError = true };
            drive.ArgumentList.Add("try-it.mjs");
            drive.Environment["PLAYGROUND_URL"] = $"http://127.0.0.1:{PlaygroundPort}/";
            drive.Environment["E2E_PROFILE"] = "try";
            drive.Environment["E2E_TIMEOUT_MS"] = "60000";
            using var driver = Process.Start(drive)!;
            await PumpAsync(driver, new StringBuilder(), _ => false, TimeSpan.FromMinutes(3));

            Assert.True(driver.ExitCode == 0, "the playground did not answer with a working link; the output is above");
            Assert.Contains(aws.Logins, l => l.RoleArn == RoleArn);
        }
        finally
        {
            script.Kill(entireProcessTree: true);
        }
    }

    private static Process Start(IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        // Nothing of the developer's own AWS set-up may leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("TRY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Copies the output to the test log until <paramref name="done"/> holds (true) or the process exits (false).</summary>
    private async Task<bool> PumpAsync(Process process, StringBuilder text, Func<string, bool> done, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.WriteLine(line);
            lock (text)
            {
                text.AppendLine(line);
                if (done(text.ToString()))
                {
                    reached.TrySetResult(true);
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        var first = await Task.WhenAny(reached.Task, exited);
        if (first == reached.Task)
        {
            return true;
        }

        await exited; // throws on timeout
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
