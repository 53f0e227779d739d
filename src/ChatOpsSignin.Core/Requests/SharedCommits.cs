namespace ChatOpsSignin.Core.Requests;

public static class SharedCommits
{
    /// <summary>
    /// When a request submitted inside <paramref name="scope"/> may start (<see cref="ISigninBroker.SubmitAsync(SigninRequest, Task, CancellationToken)"/>):
    /// once the scope is committed and <paramref name="sent"/> has completed; cancelled when the commit failed.
    /// </summary>
    public static Task StartAfter(this ISharedCommitScope? scope, Task sent) => scope is null ? sent : AfterBothAsync(scope.Committed, sent);

    private static async Task AfterBothAsync(Task committed, Task sent)
    {
        try
        {
            await committed;
        }
        catch (Exception exception)
        {
            throw new OperationCanceledException("The request was not recorded.", exception);
        }

        await sent;
    }
}
