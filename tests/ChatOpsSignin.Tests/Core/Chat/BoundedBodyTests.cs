using System.Text;
using ChatOpsSignin.Core.Chat;

namespace ChatOpsSignin.Tests.Core.Chat;

public sealed class BoundedBodyTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T1&user_id=U1&text=prod-readonly");

    [Fact]
    public async Task A_body_of_its_declared_length_is_read_whole()
    {
        var read = await BoundedBody.ReadAsync(new TrickleStream(Body), Body.Length, 1024, CancellationToken.None);

        Assert.Equal(Body, read);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_unread()
    {
        var stream = new TrickleStream(Body);

        Assert.Null(await BoundedBody.ReadAsync(stream, 2048, 1024, CancellationToken.None));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task A_body_running_on_past_its_declared_length_is_refused()
    {
        Assert.Null(await BoundedBody.ReadAsync(new TrickleStream(Body), Body.Length - 5, 1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_ending_before_its_declared_length_comes_back_short()
    {
        var read = await BoundedBody.ReadAsync(new TrickleStream(Body), Body.Length + 5, 1024, CancellationToken.None);

        Assert.Equal(Body, read);
    }

    [Theory]
    [InlineData(1024, true)]
    [InlineData(20, false)]
    public async Task Without_a_declared_length_the_limit_is_counted_while_reading(int limit, bool fits)
    {
        var read = await BoundedBody.ReadAsync(new TrickleStream(Body), null, limit, CancellationToken.None);

        Assert.Equal(fits ? Body : null, read);
    }

    /// <summary>Hands out at most 7 bytes per read, as a socket may.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
