using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file off the write path. SQLite's own automatic checkpoint runs inside the
/// commit that takes the WAL past 1,000 pages: at 20 sign-ins a second that was every 25th sign-in or so, and the store
/// operation whose commit it was waited 5–10 ms for the page copies and two fsyncs. On the ack path that was the bot's
/// whole ack p99 (bench/README.md). Now a PASSIVE checkpoint runs on a connection of its own, <see cref="Delay"/> after
/// the first commit since the last one. PASSIVE never waits for the writer: the writer goes on appending to the WAL
/// meanwhile, and SQLite starts the WAL over once a checkpoint has copied all of it. The writer's own automatic
/// checkpoint stays, at <see cref="BackstopPages"/>, for when this one cannot keep up.
/// </summary>
internal sealed class WalCheckpoints(Func<CancellationToken, Task<SqliteConnection>> open, TimeProvider time) : IDisposable
{
    /// <summary>Commits that come within this of each other share a checkpoint.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    /// <summary>The writer's automatic checkpoint (<c>PRAGMA wal_autocheckpoint</c>), about 40 MB of WAL.</summary>
    public const int BackstopPages = 10_000;

    private readonly CancellationTokenSource stopping = new();
    private int scheduled;
    private int runs;

    /// <summary>Checkpoints run so far (tests).</summary>
    public int Runs => Volatile.Read(ref runs);

    /// <summary>The checkpoint scheduled or running now, or the last one (tests).</summary>
    public Task Last { get; private set; } = Task.CompletedTask;

    /// <summary>A commit went into the WAL: a checkpoint follows within <see cref="Delay"/>.</summary>
    public void Committed()
    {
        if (Interlocked.Exchange(ref scheduled, 1) == 0)
        {
            Last = RunAfterDelayAsync();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task RunAfterDelayAsync()
    {
        try
        {
            await Task.Delay(Delay, time, stopping.Token);

            // Commits from here on schedule the next checkpoint, so none is left in the WAL unscheduled.
            Volatile.Write(ref scheduled, 0);
            await using var connection = await open(stopping.Token);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await checkpoint.ExecuteNonQueryAsync(stopping.Token);
            Interlocked.Increment(ref runs);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SqliteException)
        {
            // Stopping, or the file is unavailable: the next commit schedules another, and the backstop stays.
            Volatile.Write(ref scheduled, 0);
        }
    }
}
