namespace ChatOpsSignin.Core.Requests;

/// <summary>
/// Lets a short run of store operations on one async flow share one commit: the Slack ack's replay guard, rate limit and
/// new work item are one commit instead of three (bench/README.md). Only for operations with no other I/O between them:
/// a store with one writer (SQLite) holds its write lock for the whole scope. Stores that commit each operation on their
/// own (PostgreSQL, DynamoDB) take no part: their operations are durable when they return, as always.
/// </summary>
public interface ISharedCommit
{
    /// <summary>
    /// Begins a scope on the caller's flow. Inside it a store operation's answer is not yet durable; disposing the scope
    /// commits, and throws if the commit failed (then none of the scope's writes happened).
    /// </summary>
    ISharedCommitScope Begin();
}

/// <summary>One <see cref="ISharedCommit.Begin"/>; dispose it to commit.</summary>
public interface ISharedCommitScope : IAsyncDisposable
{
    /// <summary>Completes once the scope's writes are committed; faults if they were not.</summary>
    Task Committed { get; }
}
