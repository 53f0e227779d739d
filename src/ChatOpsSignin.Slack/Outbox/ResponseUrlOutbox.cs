using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatOpsSignin.Slack.Outbox;

/// <summary>
/// Ephemeral answers to clickers ("you are not an approver") sent through response_url after the ack. Best effort and
/// in memory on purpose: they carry no request state (the core's work items do), so losing one in a crash loses a hint.
/// Bounded: when full, a hint is dropped rather than anything waiting.
/// </summary>
internal sealed class ResponseUrlOutbox
{
    private readonly Channel<(string ResponseUrl, JsonObject Body)> channel = Channel.CreateBounded<(string, JsonObject)>(
        new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Post(string responseUrl, JsonObject body) => channel.Writer.TryWrite((responseUrl, body));

    public IAsyncEnumerable<(string ResponseUrl, JsonObject Body)> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);
}
