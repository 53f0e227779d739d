using System.Threading.Channels;

namespace ChatOpsSignin.Core.Flow;

/// <summary>The hand-off between fast chat edges and the slow AWS work.</summary>
public sealed class SigninQueue
{
    private readonly Channel<SigninWork> channel = Channel.CreateBounded<SigninWork>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(SigninWork work, CancellationToken cancellationToken) =>
        channel.Writer.WriteAsync(work, cancellationToken);

    public IAsyncEnumerable<SigninWork> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);
}
