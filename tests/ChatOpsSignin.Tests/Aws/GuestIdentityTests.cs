using ChatOpsSignin.Aws.Checks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>A Cognito profile with AllowGuestIdentities says, at start-up and in <c>check</c>, that the pool bypasses the bot.</summary>
public sealed class GuestIdentityTests
{
    private const string Bypass = "can get this role's credentials without the bot, bypassing allow-list, approval, rate limit and audit";

    [Fact]
    public async Task Start_Up_Warns_That_Guest_Identities_Bypass_The_Bot()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var report = room.Services.GetServices<IHostedService>().OfType<SessionLengthReport>().Single();

        await report.StartAsync(CancellationToken.None);
        await report.ExecuteTask!;

        var warning = Assert.Single(room.Logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Profile cognito-guest:", StringComparison.Ordinal));
        Assert.Contains($"anyone who knows identity pool {AwsRoomHarness.GuestPool} (it is public) {Bypass}", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(room.Logs.Collector.GetSnapshot(), r => r.Message.StartsWith("Profile cognito-dev:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_Passes_A_Guest_Profile_With_A_Warning_And_A_Developer_Profile_Without()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var report = await room.Check.RunAsync(callAws: false, CancellationToken.None);

        var guest = report.Profiles.Single(p => p.Profile == "cognito-guest");
        Assert.True(guest.Passed);
        Assert.Contains(Bypass, Assert.Single(guest.Warnings), StringComparison.Ordinal);
        Assert.Empty(report.Profiles.Single(p => p.Profile == "cognito-dev").Warnings);
    }
}
