using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>
/// An edge whose ack is its HTTP response submits with "the response was sent": the request is recorded at once, and
/// its work starts only after that.
/// </summary>
public sealed class StartAfterAckTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Accepted_work_waits_for_the_ack_and_is_recorded_before_it()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var pump = bot.Get<WorkPump>();
        var acked = new TaskCompletionSource();
        var request = bot.NewRequest("dev");

        Assert.Equal(SubmitResult.Accepted, await bot.Broker.SubmitAsync(request, acked.Task, CancellationToken.None));

        Assert.False(pump.TryTakeReady(out _));
        Assert.Equal(1, pump.Backlog);
        var recorded = await bot.Get<IWorkStore>().GetAsync(request.Id, CancellationToken.None);
        Assert.NotNull(recorded);

        acked.SetResult();

        Assert.True(pump.TryTakeReady(out var ready));
        Assert.Equal(request.Id, ready.Item.Id);
    }

    [Fact]
    public async Task Work_starts_even_when_the_response_failed()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var pump = bot.Get<WorkPump>();
        var acked = new TaskCompletionSource();

        await bot.Broker.SubmitAsync(bot.NewRequest("dev"), acked.Task, CancellationToken.None);
        acked.SetException(new IOException("client went away"));

        Assert.True(pump.TryTakeReady(out _));
    }
}
