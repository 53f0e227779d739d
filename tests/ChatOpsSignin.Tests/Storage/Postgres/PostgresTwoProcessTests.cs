using System.Diagnostics;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Storage.Postgres.Approvals;

namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>Real processes of the bot's executable on one database, as two replicas would be.</summary>
public sealed class PostgresTwoProcessTests(PostgresCluster cluster) : PostgresTestDatabase(cluster)
{
    [Fact]
    public async Task Two_Processes_Migrating_At_Once_Both_Exit_Zero_And_Share_The_Schema()
    {
        var results = await Task.WhenAll(MigrateInNewProcessAsync(), MigrateInNewProcessAsync());

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        var approval = TempDatabase.Approval("r1");
        Assert.True(await new PostgresApprovalStore(Database).TryAddAsync(approval, CancellationToken.None));
        Assert.Equal(ApprovalState.Pending, (await new PostgresApprovalStore(NewReplica()).GetAsync(approval.Request.Id, CancellationToken.None))!.State);
    }

    private async Task<(int ExitCode, string Output)> MigrateInNewProcessAsync()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "chatops-signin.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(executable);
        start.ArgumentList.Add("migrate");
        start.Environment["Storage__Provider"] = "Postgres";
        start.Environment["Storage__Postgres__ConnectionString"] = ConnectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
