using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>Fault injection and call counting, so tests can prove what is retried and what is not.</summary>
public sealed partial class AwsStandIn
{
    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="action"/> answer this error instead of being served.
    /// Actions: AssumeRole, GetFederationToken, AssumeRoleWithWebIdentity, GetCallerIdentity, GetId, GetOpenIdToken,
    /// GetOpenIdTokenForDeveloperIdentity, getSigninToken, login, PutRolePolicy, GetRolePolicy, DeleteRolePolicy.
    /// </summary>
    public void FailNext(string action, int status, string code, int times = 1, string? message = null)
    {
        lock (gate)
        {
            if (!faults.TryGetValue(action, out var queue))
            {
                faults[action] = queue = new Queue<StandInFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new StandInFault(status, code, message));
            }
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="action"/> never answer, until the client aborts (a timeout).</summary>
    public void HangNext(string action, int times = 1)
    {
        lock (gate)
        {
            if (!faults.TryGetValue(action, out var queue))
            {
                faults[action] = queue = new Queue<StandInFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new StandInFault(0, "Hang", null, Hang: true));
            }
        }
    }

    /// <summary>How many requests for <paramref name="action"/> arrived (served, refused or faulted).</summary>
    public int Calls(string action)
    {
        lock (gate)
        {
            return calls.GetValueOrDefault(action);
        }
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private StandInFault? Count(string action)
    {
        lock (gate)
        {
            calls[action] = calls.GetValueOrDefault(action) + 1;
            return faults.TryGetValue(action, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
