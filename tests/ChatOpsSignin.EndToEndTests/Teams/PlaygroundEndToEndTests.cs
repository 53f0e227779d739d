using System.Diagnostics;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using Xunit.Abstractions;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>
/// The real Microsoft 365 Agents Playground (npm), driven headlessly in Debian's chromium by tests/playground, talking
/// to the real bot in Teams local mode, which issues links through the AWS stand-in. The node tests assert that the
/// link card arrives in the requester's 1:1 chat, and for the approval profile that the card is approved in the channel
/// by another mock user and no link ever appears there.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PlaygroundEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";
    private const string Requester = $"teams:{Tenant}/00000000-0000-0000-0000-0000000000020";
    private const string Approver = $"teams:{Tenant}/00000000-0000-0000-0000-0000000000021";
    private AwsStandIn aws = null!;
    private BotHost bot = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole("arn:aws:iam::111122223333:role/Dev");
        aws.AddRole("arn:aws:iam::111122223333:role/Prod");
        bot = new BotHost(aws, TimeProvider.System, new Dictionary<string, string?>
        {
            ["Teams:AllowUnauthenticatedLocalClient"] = "true",
            ["Groups:everyone:0"] = Requester,
            ["Profiles:dev:RoleArn"] = "arn:aws:iam::111122223333:role/Dev",
            ["Profiles:dev:Allow:0"] = "group:everyone",
            ["Profiles:prod:RoleArn"] = "arn:aws:iam::111122223333:role/Prod",
            ["Profiles:prod:Allow:0"] = "group:everyone",
            ["Profiles:prod:Approval:Approvers:0"] = Approver,
            ["Profiles:prod:Approval:TeamsChannel"] = "team-id",
        });
        bot.StartServer();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Playground_Requests_Bring_The_Link_To_The_Personal_Chat_Only()
    {
        var playground = Path.Combine(Repository.Root, "tests", "playground");
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian chromium is missing: run `bash .ci/install-playground.sh` once.");
        if (!Directory.Exists(Path.Combine(playground, "node_modules")))
        {
            Assert.Equal(0, await RunAsync(playground, "npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>()));
        }

        var exitCode = await RunAsync(playground, "npm", ["test"], new Dictionary<string, string>
        {
            ["BOT_URL"] = new Uri(bot.BaseAddress, "/api/messages").AbsoluteUri,
            ["E2E_PROFILE"] = "dev",
            ["E2E_APPROVAL_PROFILE"] = "prod",
            ["E2E_TIMEOUT_MS"] = "60000", // UI steps share 2 cores with the rest of the suite in CI
        });

        Assert.True(exitCode == 0, "the playground tests failed; their output is above");
        // The node tests followed both links from the cards; the federation stand-in saw who they sign in as.
        Assert.Equal(2, aws.Logins.Count);
        Assert.Contains(aws.Logins, l => l.RoleArn!.EndsWith("/Dev", StringComparison.Ordinal));
        Assert.Contains(aws.Logins, l => l.RoleArn!.EndsWith("/Prod", StringComparison.Ordinal) && l.Tags["chat-approver"] == Approver);
        Assert.All(aws.Logins, l => Assert.StartsWith("alexw@example.com+", l.SessionName, StringComparison.Ordinal));
    }

    private async Task<int> RunAsync(string folder, string command, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            output.WriteLine(line);
        }
    }
}
