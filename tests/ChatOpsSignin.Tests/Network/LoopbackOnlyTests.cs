using ChatOpsSignin.StandIns.Network;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Tests.Network;

/// <summary>The guard the test hosts install: an unexpected outbound host fails the call and, later, the test.</summary>
public sealed class LoopbackOnlyTests
{
    [Fact]
    public async Task A_Call_To_A_Host_Other_Than_Loopback_Is_Refused_And_Fails_The_Check()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("any");
        var guard = LoopbackOnly.AddTo(services);
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("any");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("https://slack.com/api/auth.test")));

        Assert.Contains("slack.com", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(guard.AssertNoneAttempted);
    }

    [Fact]
    public void Loopback_Calls_Leave_The_Check_Clean() => new LoopbackOnly().AssertNoneAttempted();
}
