using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>A pending request is re-notified once at half its timeout; <c>status</c> says whom it waits for.</summary>
public sealed class ReminderFlowTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task An_Undecided_Request_Is_Reminded_Once_At_Half_Its_Timeout()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        time.Advance(TimeSpan.FromMinutes(14));
        await bot.RunQueuedAsync();
        Assert.Empty(bot.Delivery.Reminders);

        time.Advance(TimeSpan.FromMinutes(1));
        await bot.RunQueuedAsync();
        var reminder = Assert.Single(bot.Delivery.Reminders);
        Assert.Equal([CoreHarness.Lead, CoreHarness.OtherLead], reminder.Notify.Select(u => u.Id.Key));

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await bot.RunQueuedAsync();
        }

        Assert.Single(bot.Delivery.Reminders);
    }

    [Fact]
    public async Task A_Restarted_Bot_Does_Not_Remind_Again()
    {
        await using (var before = new CoreHarness(database.DatabasePath, time))
        {
            await before.SubmitAndRunAsync(before.NewRequest("prod"));
            time.Advance(TimeSpan.FromMinutes(16));
            await before.RunQueuedAsync();
            Assert.Single(before.Delivery.Reminders);
        }

        await using var after = new CoreHarness(database.DatabasePath, time);
        time.Advance(TimeSpan.FromMinutes(2));
        await after.RunQueuedAsync();

        Assert.Empty(after.Delivery.Reminders);
    }

    [Fact]
    public async Task A_Decided_Request_Is_Not_Reminded()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), approve: false, CancellationToken.None);
        await bot.RunQueuedAsync();

        time.Advance(TimeSpan.FromMinutes(20));
        await bot.RunQueuedAsync();

        Assert.Empty(bot.Delivery.Reminders);
    }

    [Fact]
    public async Task Status_Shows_Whom_A_Pending_Request_Waits_For()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        var status = Assert.Single(await bot.Broker.StatusAsync(request.Requester.Id, CancellationToken.None));

        Assert.Equal([CoreHarness.Lead, CoreHarness.OtherLead], status.WaitingFor);
    }
}
