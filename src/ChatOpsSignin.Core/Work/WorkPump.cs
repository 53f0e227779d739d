using System.Threading.Channels;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// Runs this replica's share of the work. Requests accepted here start at once (they were added already leased to this
/// replica); everything else (woken decisions, expiries, link removals, work of a replica that died) is leased from the
/// store on every poll or doorbell. The backlog is bounded: past <see cref="WorkOptions.MaxBacklog"/> the front door
/// answers busy, so nothing piles up in memory.
/// </summary>
public sealed partial class WorkPump(
    IWorkStore work, RequestDriver driver, IOptions<WorkOptions> options, TimeProvider time, SigninTelemetry telemetry, ILogger<WorkPump> logger)
    : BackgroundService
{
    private const int MaxLeasedPerPoll = 100;

    private readonly Channel<LeasedWork> ready = Channel.CreateUnbounded<LeasedWork>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int backlog;
    private bool observed;
    private Task<bool>? bell;

    /// <summary>This process's lease owner name: unique per run, so a restarted replica never mistakes old leases for its own.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Requests accepted (or leased) here and not finished yet.</summary>
    public int Backlog => Volatile.Read(ref backlog);

    /// <summary>Takes one place in the backlog; false when it is full.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref backlog) <= options.Value.MaxBacklog)
        {
            return true;
        }

        Interlocked.Decrement(ref backlog);
        return false;
    }

    public void Unreserve() => Interlocked.Decrement(ref backlog);

    /// <summary>Runs an item this replica holds, in a place taken with <see cref="TryReserve"/>.</summary>
    public void RunReserved(LeasedWork leased) => ready.Writer.TryWrite(leased);

    /// <summary>
    /// Runs an item this replica holds once <paramref name="startAfter"/> has completed (however it ended). On a busy
    /// core a runner woken at once takes the CPU from the thread that is still writing the ack.
    /// </summary>
    public void RunReserved(LeasedWork leased, Task startAfter)
    {
        if (startAfter.IsCompleted)
        {
            RunReserved(leased);
            return;
        }

        startAfter.ContinueWith(
            static (_, state) =>
            {
                var (pump, item) = ((WorkPump, LeasedWork))state!;
                pump.RunReserved(item);
            },
            (this, leased),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Takes one item waiting to run, for tests and the CLI that drive the driver themselves.</summary>
    internal bool TryTakeReady([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out LeasedWork leased) => ready.Reader.TryRead(out leased);

    /// <summary>Something became due (a decision here): look in the store now rather than at the next poll.</summary>
    public void Ring() => doorbell.Writer.TryWrite(true);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runners = Enumerable.Range(0, options.Value.MaxConcurrency).Select(_ => RunnerAsync(stoppingToken));
        return Task.WhenAll(runners.Append(PollAsync(stoppingToken)));
    }

    /// <summary>
    /// ReadAsync, not ReadAllAsync: an unbounded channel wakes every reader waiting in WaitToReadAsync for each item, and
    /// with <see cref="WorkOptions.MaxConcurrency"/> idle runners that was 256 wake-ups per accepted request (the largest
    /// CPU cost of a quiet bot, bench/README.md). A reader blocked in ReadAsync is handed the item alone.
    /// </summary>
    private async Task RunnerAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedWork leased;
            try
            {
                leased = await ready.Reader.ReadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await driver.RunAsync(leased, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.RunFailed(logger, exception, leased.Item.Id.Value);
            }
            finally
            {
                Unreserve();
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeaseDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.PollFailed(logger, exception);
            }

            await WaitForTickOrBellAsync(stoppingToken);
        }
    }

    /// <summary>
    /// Leases what is due into the free part of the backlog. The due gauge costs a count only when the backlog is full
    /// (else everything due was just leased, so nothing is left waiting).
    /// </summary>
    public async Task<int> LeaseDueAsync(CancellationToken cancellationToken)
    {
        if (!observed)
        {
            observed = true;
            telemetry.ObserveBacklog(() => Backlog);
        }

        var room = Math.Min(options.Value.MaxBacklog - Backlog, MaxLeasedPerPoll);
        var now = time.GetUtcNow();
        if (room <= 0)
        {
            telemetry.Due(await work.CountDueAsync(now, cancellationToken));
            return 0;
        }

        var leased = await work.LeaseDueAsync(Owner, now, now + options.Value.LeaseDuration, room, cancellationToken);
        telemetry.Due(leased.Count < room ? 0 : await work.CountDueAsync(now, cancellationToken));
        foreach (var item in leased)
        {
            Interlocked.Increment(ref backlog);
            ready.Writer.TryWrite(item);
        }

        return leased.Count;
    }

    /// <summary>
    /// Waits for the next poll tick or a ring, whichever is first. The wait for the bell outlives a tick (cancelling it on
    /// every tick cost an exception a second); a cancelled tick delay is awaited without throwing.
    /// </summary>
    private async Task WaitForTickOrBellAsync(CancellationToken stoppingToken)
    {
        bell ??= doorbell.Reader.WaitToReadAsync(stoppingToken).AsTask();
        using var tickEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var tick = Task.Delay(options.Value.PollInterval, time, tickEnd.Token);
        if (await Task.WhenAny(tick, bell) == bell)
        {
            doorbell.Reader.TryRead(out _);
            bell = null;
            await tickEnd.CancelAsync();
        }

        await tick.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Running request {RequestId} failed")]
        public static partial void RunFailed(ILogger logger, Exception exception, string requestId);

        [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Leasing due work from the store failed; will retry on the next poll")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
