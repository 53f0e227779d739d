using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// One store operation's turn at the writer (see <see cref="GroupCommit"/>): commands run in the shared transaction,
/// each statement kept as in autocommit mode, and disposing it waits until the batch is committed (and throws if it was
/// not). An operation that must be all or nothing takes a <see cref="Savepoint"/>.
/// <para>
/// <see cref="Command"/> hands out the writer's kept statement for a SQL text: the session owns it, so callers do not
/// dispose it (a reader they open on it they do dispose, before asking for the same SQL again).
/// </para>
/// </summary>
public sealed class StoreSession : IAsyncDisposable
{
    private readonly GroupCommit gate;
    private readonly WriterConnection writer;
    private readonly GroupCommit.Batch batch;
    private List<SqliteCommand>? unkept;
    private Savepoint? savepoint;

    private StoreSession(GroupCommit gate, WriterConnection writer, GroupCommit.Batch batch)
    {
        this.gate = gate;
        this.writer = writer;
        this.batch = batch;
    }

    internal static async Task<StoreSession> BeginAsync(GroupCommit gate, CancellationToken cancellationToken)
    {
        await gate.EnterAsync(cancellationToken);
        try
        {
            var (writer, batch) = await gate.JoinAsync(cancellationToken);
            return new StoreSession(gate, writer, batch);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>A command for <paramref name="sql"/> with no parameters bound, owned by this session.</summary>
    public SqliteCommand Command(string sql)
    {
        if (writer.Kept(sql) is { } kept)
        {
            return kept;
        }

        var command = writer.Unkept(sql);
        (unkept ??= []).Add(command);
        return command;
    }

    /// <summary>All of this operation's following statements, or none of them: released by <see cref="Savepoint.CommitAsync"/>, undone if disposed first.</summary>
    public async Task<Savepoint> SavepointAsync(CancellationToken cancellationToken)
    {
        if (savepoint is not null)
        {
            throw new InvalidOperationException("This operation already holds a savepoint.");
        }

        savepoint = new Savepoint(this);
        await ExecuteAsync("SAVEPOINT operation;", cancellationToken);
        return savepoint;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (savepoint is not null)
            {
                await savepoint.DisposeAsync();
            }

            foreach (var command in unkept ?? [])
            {
                await command.DisposeAsync();
            }
        }
        finally
        {
            await gate.LeaveAsync();
        }

        await batch.Committed;
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken) => writer.ExecuteAsync(sql, cancellationToken);

    /// <summary>A savepoint inside the shared transaction: what SQLite's own transactions were to one operation.</summary>
    public sealed class Savepoint : IAsyncDisposable
    {
        private readonly StoreSession session;
        private bool finished;

        internal Savepoint(StoreSession session) => this.session = session;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await session.ExecuteAsync("RELEASE operation;", cancellationToken);
            Finish();
        }

        public async ValueTask DisposeAsync()
        {
            if (!finished)
            {
                Finish();
                await session.ExecuteAsync("ROLLBACK TO operation; RELEASE operation;", CancellationToken.None);
            }
        }

        private void Finish()
        {
            finished = true;
            session.savepoint = null;
        }
    }
}
