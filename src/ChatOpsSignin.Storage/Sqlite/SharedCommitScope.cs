using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// The SQLite side of <see cref="ISharedCommit"/>: the scope's first store operation takes the writer's gate and joins
/// a batch (<see cref="GroupCommit"/>) as usual; the scope keeps that session, lends it to the operations after it on
/// the same flow, and on dispose leaves the gate and waits for the batch's commit. A scope that made no operation costs
/// nothing. Only operations on <see cref="Factory"/>'s file take part.
/// </summary>
internal sealed class SharedCommitScope(SqliteConnectionFactory factory) : ISharedCommitScope
{
    private readonly TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StoreSession? session;
    private bool ended;

    public SqliteConnectionFactory Factory => factory;

    /// <summary>False once disposed: work started from inside the scope's flow still sees it, and must not use it.</summary>
    public bool IsOpen => !ended;

    public Task Committed => committed.Task;

    public async Task<StoreSession> LendAsync(GroupCommit gate, CancellationToken cancellationToken)
    {
        session ??= await StoreSession.BeginAsync(gate, cancellationToken);
        return session.Lend();
    }

    public async ValueTask DisposeAsync()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        try
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }

            committed.TrySetResult();
        }
        catch (Exception exception)
        {
            committed.TrySetException(exception);
            throw;
        }
    }
}
