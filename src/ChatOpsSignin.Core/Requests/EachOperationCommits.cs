namespace ChatOpsSignin.Core.Requests;

/// <summary>For stores whose every operation commits on its own.</summary>
public sealed class EachOperationCommits : ISharedCommit, ISharedCommitScope
{
    public Task Committed => Task.CompletedTask;

    public ISharedCommitScope Begin() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
