using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// One writer per process, and concurrent store operations share its commits. SQLite has one writer per file, and each
/// commit costs a WAL write, file locks and now and then a checkpoint's fsync: with about ten per sign-in, SQLite and
/// its system calls were a third of the bot's CPU under load. Here an operation takes the gate, runs its statements
/// inside the batch's <c>BEGIN IMMEDIATE</c> transaction and hands the gate on; whoever leaves the gate with nobody
/// queued behind it (or fills the batch) commits for everyone. Every operation returns only once its batch is
/// committed, so a caller that has its answer has it on disk, as before. An idle bot commits each operation alone.
/// <para>
/// The writer connection (and its prepared statements, <see cref="WriterConnection"/>) is kept from batch to batch, idle
/// gaps included: at 20 commands/s every operation used to find the gate idle, give the writer back and prepare its
/// statements again. The first batch after an idle gap first checks that the file is still the one the writer opened
/// (<see cref="StoreFile.HasMoved"/>): a store moved, deleted or replaced meanwhile gets a new connection, which fails
/// if the file is gone, so the outage is seen (<c>ReadinessTests</c>). After <see cref="MaxBatchesPerConnection"/> the
/// writer is given back to the pool anyway.
/// </para>
/// </summary>
/// <param name="committed">Told after every commit (<see cref="WalCheckpoints"/>).</param>
internal sealed class GroupCommit(Func<CancellationToken, Task<SqliteConnection>> openWriter, Action committed) : IDisposable
{
    /// <summary>Bounds how long the first operation of a batch waits for the others' statements.</summary>
    public const int MaxBatch = 64;

    /// <summary>Bounds how long the writer goes without reopening its connection.</summary>
    public const int MaxBatchesPerConnection = 256;

    private readonly object sync = new();
    private readonly Queue<TaskCompletionSource> queue = new();
    private bool held;
    private WriterConnection? writer;
    private bool afterIdle;
    private Batch? open;

    /// <summary>Batches committed so far (tests).</summary>
    public int Commits { get; private set; }

    /// <summary>Writer connections opened so far (tests).</summary>
    public int WriterOpens { get; private set; }

    /// <summary>Waits for the gate; the caller then owns the writer connection until <see cref="LeaveAsync"/>.</summary>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (!held)
            {
                held = true;
                return Task.CompletedTask;
            }

            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Enqueue(turn);
            return cancellationToken.CanBeCanceled ? WaitAsync(turn, cancellationToken) : turn.Task;
        }
    }

    /// <summary>The batch the gate holder writes into, begun if none is open (or the open one was lost to an error).</summary>
    public async Task<(WriterConnection Writer, Batch Batch)> JoinAsync(CancellationToken cancellationToken)
    {
        if (open is not null && IsAutocommit(writer!.Connection))
        {
            // SQLite rolled the whole transaction back (disk full, I/O error): its members' writes are gone.
            open.Fail(new SqliteException("The shared write transaction was rolled back by SQLite.", 0));
            open = null;
            CloseWriter();
        }

        if (open is null)
        {
            if (writer is not null && afterIdle && StoreFile.HasMoved(writer.Connection))
            {
                // Given back to the pool, this handle (and any other pooled one) would be handed out again, still on the moved file.
                SqliteConnection.ClearPool(writer.Connection);
                CloseWriter();
            }

            afterIdle = false;
            if (writer is null)
            {
                writer = new WriterConnection(await openWriter(cancellationToken));
                WriterOpens++;
            }

            try
            {
                await writer.ExecuteAsync("BEGIN IMMEDIATE;", cancellationToken);
            }
            catch
            {
                CloseWriter();
                throw;
            }

            open = new Batch();
        }

        open.Members++;
        return (writer!, open);
    }

    /// <summary>
    /// Hands the gate to the next one queued, who joins the open batch; with nobody queued (or the batch full) commits
    /// it first. Handing over and finding the queue empty are one step, so a batch is never left open with no holder.
    /// </summary>
    public async Task LeaveAsync()
    {
        if (open is { } batch)
        {
            if (batch.Members < MaxBatch && HandToNext())
            {
                return;
            }

            await CommitAsync(batch);
        }

        afterIdle = !AnyoneQueued();
        if (writer?.Batches >= MaxBatchesPerConnection)
        {
            CloseWriter();
        }

        PassOn();
    }

    /// <summary>For a caller that needs a connection of its own (migrations, tests): the open batch is committed and the writer closed first.</summary>
    public async Task CommitOpenAsync()
    {
        if (open is { } batch)
        {
            await CommitAsync(batch);
        }

        CloseWriter();
    }

    public void Release() => PassOn();

    /// <summary>Closes the kept writer connection.</summary>
    public void Dispose() => CloseWriter();

    private async Task CommitAsync(Batch batch)
    {
        open = null;
        try
        {
            if (IsAutocommit(writer!.Connection))
            {
                throw new SqliteException("The shared write transaction was rolled back by SQLite.", 0);
            }

            await writer.ExecuteAsync("COMMIT;", CancellationToken.None);
            writer.Batches++;
            Commits++;
            committed();
            batch.Complete();
        }
        catch (Exception exception)
        {
            batch.Fail(exception);
            await RollBackAsync();
            CloseWriter();
        }
    }

    private async Task RollBackAsync()
    {
        try
        {
            if (!IsAutocommit(writer!.Connection))
            {
                await writer.ExecuteAsync("ROLLBACK;", CancellationToken.None);
            }
        }
        catch (SqliteException)
        {
            // The connection is unusable; closing it is all that is left, and the batch has failed already.
        }
    }

    private void CloseWriter()
    {
        writer?.Dispose();
        writer = null;
    }

    /// <summary>Passes the gate to the first waiter still waiting (a cancelled one is skipped); false if there is none.</summary>
    private bool HandToNext()
    {
        lock (sync)
        {
            while (queue.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool AnyoneQueued()
    {
        lock (sync)
        {
            return queue.Count > 0;
        }
    }

    private void PassOn()
    {
        lock (sync)
        {
            if (!HandToNext())
            {
                held = false;
            }
        }
    }

    private static async Task WaitAsync(TaskCompletionSource turn, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken)))
        {
            await turn.Task;
        }
    }

    private static bool IsAutocommit(SqliteConnection connection) => raw.sqlite3_get_autocommit(connection.Handle) != 0;

    /// <summary>One shared transaction; its members wait for <see cref="Committed"/>.</summary>
    internal sealed class Batch
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Members { get; set; }

        public Task Committed => done.Task;

        public void Complete() => done.TrySetResult();

        public void Fail(Exception exception) => done.TrySetException(exception);
    }
}
