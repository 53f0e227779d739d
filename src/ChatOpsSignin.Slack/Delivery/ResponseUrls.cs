using System.Collections.Concurrent;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// The response_url of each command this process accepted, kept in memory only: a response_url is a 30-minute
/// capability to post into the user's channel, so it is never written to the store. After a restart (or on another
/// replica) the answer goes to the DM instead. The map is bounded: entries leave in the order they came, once stale or
/// once more than <see cref="MaxEntries"/> are held (under a flood the oldest requests' answers go to the DM instead).
/// </summary>
public sealed class ResponseUrls(TimeProvider time)
{
    /// <summary>Slack's window is 30 minutes; stop a little earlier so a post does not race the deadline.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(29);

    /// <summary>About 3 MB of URLs: far more commands than one replica takes in a response_url's lifetime at a human pace.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<RequestId, (string Url, DateTimeOffset IssuedAt)> byRequest = new();
    private readonly ConcurrentQueue<(RequestId Id, DateTimeOffset IssuedAt)> arrivals = new();

    public void Remember(RequestId id, string? responseUrl)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            return;
        }

        var now = time.GetUtcNow();
        byRequest[id] = (responseUrl, now);
        arrivals.Enqueue((id, now));
        while (arrivals.TryPeek(out var oldest) && (arrivals.Count > MaxEntries || now - oldest.IssuedAt >= Lifetime))
        {
            // Only the entry this arrival made: the same request remembered again later stays.
            if (arrivals.TryDequeue(out oldest) && byRequest.TryGetValue(oldest.Id, out var held) && held.IssuedAt == oldest.IssuedAt)
            {
                byRequest.TryRemove(new KeyValuePair<RequestId, (string, DateTimeOffset)>(oldest.Id, held));
            }
        }
    }

    /// <summary>The request's response_url while it still works here, else null.</summary>
    public string? Find(RequestId id) =>
        byRequest.TryGetValue(id, out var entry) && time.GetUtcNow() - entry.IssuedAt < Lifetime ? entry.Url : null;

    /// <summary>How many are held (tests).</summary>
    internal int Count => byRequest.Count;
}
