using System.Collections.Concurrent;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// The response_url of each command this process accepted, kept in memory only: a response_url is a 30-minute
/// capability to post into the user's channel, so it is never written to the store. After a restart (or on another
/// replica) the answer goes to the DM instead. Entries are dropped once stale, so the map stays small.
/// </summary>
public sealed class ResponseUrls(TimeProvider time)
{
    /// <summary>Slack's window is 30 minutes; stop a little earlier so a post does not race the deadline.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(29);

    private readonly ConcurrentDictionary<RequestId, (string Url, DateTimeOffset IssuedAt)> byRequest = new();

    public void Remember(RequestId id, string? responseUrl)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            return;
        }

        var now = time.GetUtcNow();
        byRequest[id] = (responseUrl, now);
        if (byRequest.Count > 4096)
        {
            foreach (var stale in byRequest.Where(e => now - e.Value.IssuedAt >= Lifetime).Select(e => e.Key))
            {
                byRequest.TryRemove(stale, out _);
            }
        }
    }

    /// <summary>The request's response_url while it still works here, else null.</summary>
    public string? Find(RequestId id) =>
        byRequest.TryGetValue(id, out var entry) && time.GetUtcNow() - entry.IssuedAt < Lifetime ? entry.Url : null;
}
