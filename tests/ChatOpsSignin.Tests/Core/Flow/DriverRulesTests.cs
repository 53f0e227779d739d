using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>The driver's rules that wave 1 lacked: configuration re-checked at issue time, approval channels per platform, removal that fails alone.</summary>
public sealed class DriverRulesTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_Requester_Removed_From_The_Allow_List_Before_The_Approval_Gets_Nothing()
    {
        var request = default(ChatOpsSignin.Core.Requests.SigninRequest)!;
        await using (var before = new CoreHarness(database.DatabasePath, time))
        {
            request = before.NewRequest("prod");
            await before.SubmitAndRunAsync(request);
        }

        // The admin takes the requester off prod's allow-list; the bot restarts with that configuration.
        await using var after = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?> { ["Profiles:prod:Allow:0"] = CoreHarness.OtherLead });
        var decision = await after.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), approve: true, CancellationToken.None);
        await after.RunQueuedAsync();

        Assert.True(decision.Taken);
        Assert.Empty(after.Aws.Requests);
        Assert.Empty(after.Delivery.Links);
        Assert.Contains(after.Delivery.Notices, n => n.Notice is RequesterNotice.Refused { Failure.Code: "not_allowed" });
    }

    [Fact]
    public async Task An_Approver_Removed_Before_Issue_Time_Issues_Nothing()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), approve: true, CancellationToken.None);

        await using var restarted = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?> { ["Groups:leads:0"] = CoreHarness.OtherLead });
        await restarted.RunQueuedAsync();

        Assert.Empty(restarted.Aws.Requests);
        Assert.Contains(restarted.Delivery.Notices, n => n.Notice is RequesterNotice.Refused { Failure.Code: "approver_not_current" });
    }

    [Fact]
    public async Task A_Profile_Without_An_Approval_Channel_For_The_Requesters_Platform_Is_Refused_With_A_Reason()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?>
        {
            ["Profiles:prod:Approval:SlackChannel"] = null,
            ["Profiles:prod:Approval:TeamsChannel"] = "19:approvals@thread.tacv2",
        });

        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        Assert.Empty(bot.Delivery.Prompts);
        var refused = Assert.IsType<RequesterNotice.Refused>(Assert.Single(bot.Delivery.Notices).Notice);
        Assert.Equal("no_approval_channel", refused.Failure.Code);
        Assert.Contains("Slack", refused.Failure.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Link_That_Cannot_Be_Removed_Fails_Alone_Is_Retried_With_Backoff_And_Is_Given_Up_With_An_Audit_Event()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?> { ["Work:MaxRemovalAttempts"] = "3" });
        var stuck = bot.NewRequest("dev");
        var fine = bot.NewRequest("dev");
        await bot.SubmitAndRunAsync(stuck);
        await bot.SubmitAndRunAsync(fine);
        bot.Delivery.FailRemoval = record => record.RequestId == stuck.Id ? new HttpRequestException("403 the user removed the app") : null;

        time.Advance(TimeSpan.FromMinutes(16));
        await bot.RunQueuedAsync();
        Assert.Equal(fine.Id, Assert.Single(bot.Delivery.Expired).RequestId);
        Assert.Equal(1, (await bot.Get<IWorkStore>().GetAsync(stuck.Id, CancellationToken.None))!.Attempt);

        await bot.RunQueuedAsync();
        Assert.Equal(1, (await bot.Get<IWorkStore>().GetAsync(stuck.Id, CancellationToken.None))!.Attempt);
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await bot.RunQueuedAsync();
        }

        Assert.Null(await bot.Get<IWorkStore>().GetAsync(stuck.Id, CancellationToken.None));
        var trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Contains(trail, e => e.RequestId == stuck.Id && e.Type == AuditEventType.LinkRemovalAbandoned);
        Assert.DoesNotContain(trail, e => e.RequestId == stuck.Id && e.Type == AuditEventType.LinkRemoved);
    }

    [Fact]
    public async Task A_Full_Backlog_Answers_Busy_And_Records_Nothing()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?> { ["Work:MaxBacklog"] = "2" });

        var results = new List<ChatOpsSignin.Core.Requests.SubmitResult>();
        var requests = Enumerable.Range(0, 3).Select(_ => bot.NewRequest("dev")).ToList();
        foreach (var request in requests)
        {
            results.Add(await bot.Broker.SubmitAsync(request, CancellationToken.None));
        }

        Assert.Equal([ChatOpsSignin.Core.Requests.SubmitResult.Accepted, ChatOpsSignin.Core.Requests.SubmitResult.Accepted, ChatOpsSignin.Core.Requests.SubmitResult.Busy], results);
        Assert.Null(await bot.Get<IWorkStore>().GetAsync(requests[2].Id, CancellationToken.None));
        await bot.RunQueuedAsync();
        Assert.Equal(2, bot.Delivery.Links.Count);
    }
}
