using System.Threading.Channels;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>Validated message activities waiting to be run, so <c>/api/messages</c> answers at once.</summary>
internal sealed class TeamsInbox
{
    private readonly Channel<Activity> channel = Channel.CreateBounded<Activity>(
        new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public bool TryEnqueue(Activity activity) => channel.Writer.TryWrite(activity);

    public IAsyncEnumerable<Activity> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
