using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The in-memory response_url map stays bounded under a flood and forgets stale entries in arrival order.</summary>
public sealed class ResponseUrlsTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_Flood_Keeps_The_Newest_Entries_Up_To_The_Cap()
    {
        var urls = new ResponseUrls(clock);
        var ids = Enumerable.Range(0, ResponseUrls.MaxEntries + 50).Select(i => new RequestId($"req_{i:x8}")).ToList();

        foreach (var id in ids)
        {
            urls.Remember(id, "https://hooks.slack.com/commands/T1/" + id.Value);
        }

        Assert.Equal(ResponseUrls.MaxEntries, urls.Count);
        Assert.All(ids.Take(50), id => Assert.Null(urls.Find(id)));
        Assert.Equal("https://hooks.slack.com/commands/T1/" + ids[^1].Value, urls.Find(ids[^1]));
        Assert.NotNull(urls.Find(ids[50]));
    }

    [Fact]
    public void Stale_Entries_Leave_When_The_Next_One_Arrives_And_A_Fresh_Repeat_Stays()
    {
        var urls = new ResponseUrls(clock);
        var old = new RequestId("req_01");
        var repeated = new RequestId("req_02");
        urls.Remember(old, "https://hooks.slack.com/commands/T1/old");
        urls.Remember(repeated, "https://hooks.slack.com/commands/T1/first");

        clock.Advance(TimeSpan.FromMinutes(20));
        urls.Remember(repeated, "https://hooks.slack.com/commands/T1/second");
        clock.Advance(TimeSpan.FromMinutes(10));
        urls.Remember(new RequestId("req_03"), "https://hooks.slack.com/commands/T1/new");

        Assert.Null(urls.Find(old));
        Assert.Equal("https://hooks.slack.com/commands/T1/second", urls.Find(repeated));
        Assert.Equal(2, urls.Count);
    }
}
