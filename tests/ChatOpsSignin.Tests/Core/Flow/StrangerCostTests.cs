using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>What someone who is on no allow-list can make the bot do: a bounded number of requests, and few audit rows.</summary>
public sealed class StrangerCostTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Every_Requester_Has_A_Limit_Across_Profiles_Counted_Before_Anything_Is_Recorded()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?> { ["RateLimit:PerUser"] = "3" });

        var results = new List<SubmitResult>();
        foreach (var profile in new[] { "dev", "prod", "nope", "dev", "prod" })
        {
            results.Add(await bot.Broker.SubmitAsync(bot.NewRequest(profile, CoreHarness.Outsider), CancellationToken.None));
        }

        Assert.Equal([SubmitResult.Accepted, SubmitResult.Accepted, SubmitResult.Accepted, SubmitResult.TooMany, SubmitResult.TooMany], results);
        await bot.RunQueuedAsync();
        var trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Single(trail, e => e.Code == "rate_limited_user");
        Assert.Equal(3, trail.Count(e => e.Type == AuditEventType.Requested));

        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(SubmitResult.Accepted, await bot.Broker.SubmitAsync(bot.NewRequest("dev", CoreHarness.Outsider), CancellationToken.None));
    }

    [Fact]
    public async Task Repeated_Refusals_Are_Told_Every_Time_But_Written_Once_Per_Window()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);

        for (var i = 0; i < 4; i++)
        {
            await bot.SubmitAndRunAsync(bot.NewRequest("dev", CoreHarness.Outsider));
        }

        Assert.Equal(4, bot.Delivery.Notices.Count(n => n.Notice is RequesterNotice.Refused { Failure.Code: "not_allowed" }));
        var trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Single(trail, e => e.Type == AuditEventType.Refused && e.Code == "not_allowed");

        time.Advance(TimeSpan.FromMinutes(61));
        await bot.SubmitAndRunAsync(bot.NewRequest("dev", CoreHarness.Outsider));
        trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(2, trail.Count(e => e.Type == AuditEventType.Refused && e.Code == "not_allowed"));
    }
}
