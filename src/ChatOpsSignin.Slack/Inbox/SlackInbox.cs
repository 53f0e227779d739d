using System.Threading.Channels;

namespace ChatOpsSignin.Slack.Inbox;

/// <summary>Work accepted by the Slack edge and not yet run. Bounded: a full inbox is refused, not waited on.</summary>
public sealed class SlackInbox
{
    private readonly Channel<SlackWork> channel = Channel.CreateBounded<SlackWork>(
        new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(SlackWork work) => channel.Writer.TryWrite(work);

    public IAsyncEnumerable<SlackWork> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
