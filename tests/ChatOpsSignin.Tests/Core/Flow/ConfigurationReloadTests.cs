using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>Reload without restart: a valid change to Groups / Profiles is applied; a broken one is refused and audited.</summary>
public sealed class ConfigurationReloadTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Reload_That_Adds_A_Profile_Works_Without_Restart()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        await bot.Get<CatalogReloader>().StartAsync(CancellationToken.None);
        await bot.SubmitAndRunAsync(bot.NewRequest("staging"));
        Assert.Empty(bot.Aws.Requests);

        bot.Configuration["Profiles:staging:RoleArn"] = "arn:aws:iam::111122223333:role/Staging";
        bot.Configuration["Profiles:staging:Allow:0"] = CoreHarness.Requester;
        bot.Configuration.Reload();
        await WaitUntilAsync(() => bot.Get<ProfileCatalog>().Find("staging") is not null);
        await bot.SubmitAndRunAsync(bot.NewRequest("staging"));

        Assert.Equal("arn:aws:iam::111122223333:role/Staging", Assert.Single(bot.Aws.Requests).Profile.RoleArn);
        var events = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(null, null), CancellationToken.None);
        Assert.Contains(events, e => e.Type == AuditEventType.ConfigurationApplied);
    }

    [Fact]
    public async Task Broken_Reload_Is_Refused_With_The_Key_At_Fault_And_The_Old_Configuration_Keeps_Working()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        await bot.SubmitAndRunAsync(bot.NewRequest("dev")); // the bot is running: its configuration was validated at start
        bot.Configuration["Profiles:dev:Allow:0"] = "alice";
        bot.Configuration["Profiles:broken:RoleArn"] = "arn:aws:iam::111122223333:role/Broken";

        var failures = await bot.Get<CatalogReloader>().ReloadAsync(CancellationToken.None);
        await bot.SubmitAndRunAsync(bot.NewRequest("dev"));

        Assert.Contains(failures, f => f.StartsWith("Profiles:dev:Allow:0: 'alice'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Profiles:broken:Allow:", StringComparison.Ordinal));
        Assert.Null(bot.Get<ProfileCatalog>().Find("broken"));
        Assert.Equal(2, bot.Aws.Requests.Count);
        var refused = Assert.Single(
            await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(null, null), CancellationToken.None),
            e => e.Type == AuditEventType.ConfigurationRefused);
        Assert.Contains("Profiles:dev:Allow:0", refused.Reason, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
