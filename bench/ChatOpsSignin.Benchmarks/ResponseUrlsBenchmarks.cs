using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Delivery;

namespace ChatOpsSignin.Benchmarks;

/// <summary>
/// Remembering one command's response_url when this replica already holds <see cref="Held"/> fresh ones (every Slack
/// command does this once, before its ack). Under load the map fills: past 4,096 entries the first version scanned it
/// on every command.
/// </summary>
[MemoryDiagnoser]
public class ResponseUrlsBenchmarks
{
    private ResponseUrls urls = null!;
    private RequestId[] ids = null!;
    private int next;

    [Params(1_000, 10_000)]
    public int Held { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        urls = new ResponseUrls(TimeProvider.System);
        ids = Enumerable.Range(0, 1 << 20).Select(i => new RequestId($"req_{i:x8}")).ToArray();
        for (next = 0; next < Held; next++)
        {
            urls.Remember(ids[next], "https://hooks.slack.com/commands/T1/" + next);
        }
    }

    [Benchmark]
    public void Remember()
    {
        var id = ids[next++ & (ids.Length - 1)];
        urls.Remember(id, "https://hooks.slack.com/commands/T1/1234567890/abcdefghijklmnop");
    }
}
