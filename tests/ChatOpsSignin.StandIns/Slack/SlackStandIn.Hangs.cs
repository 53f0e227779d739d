using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// Calls that never answer, so a test can kill the bot while it waits: before the call is served (nothing happened) or
/// after it (the message exists, but the bot never learns its ts) — the two sides of a lost answer.
/// </summary>
public sealed partial class SlackStandIn
{
    private readonly Dictionary<string, Queue<bool>> hangs = new(StringComparer.Ordinal);

    /// <summary>The next call of <paramref name="method"/> hangs; with <paramref name="afterServing"/> it is served first.</summary>
    public void HangNext(string method, bool afterServing = false)
    {
        lock (gate)
        {
            if (!hangs.TryGetValue(method, out var queue))
            {
                hangs[method] = queue = new Queue<bool>();
            }

            queue.Enqueue(afterServing);
        }
    }

    /// <summary>How many calls are hanging now (the test waits for one before it kills the bot).</summary>
    public int Hanging { get { lock (gate) { return hanging; } } }

    private int hanging;

    private bool? TakeHang(string method)
    {
        lock (gate)
        {
            return hangs.TryGetValue(method, out var queue) && queue.TryDequeue(out var afterServing) ? afterServing : null;
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        lock (gate)
        {
            hanging++;
            Signal();
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
        finally
        {
            lock (gate)
            {
                hanging--;
                Signal();
            }
        }
    }
}
