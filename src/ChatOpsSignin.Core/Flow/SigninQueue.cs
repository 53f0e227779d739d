using System.Threading.Channels;

namespace ChatOpsSignin.Core.Flow;

/// <summary>The hand-off between fast chat edges and the slow AWS work.</summary>
public sealed class SigninQueue
{
    private readonly Channel<SigninWork> channel = Channel.CreateBounded<SigninWork>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(SigninWork work, CancellationToken cancellationToken) =>
        channel.Writer.WriteAsync(work, cancellationToken);

    /// <summary>Takes one waiting item without blocking (tests drain the queue step by step).</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SigninWork work) => channel.Reader.TryRead(out work);

    public IAsyncEnumerable<SigninWork> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);
}
