using ChatOpsSignin.StandIns.Teams;
using ChatOpsSignin.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>
/// The hang of issue 8: the hosts' fake clock reached Polly, so a retry delay, or the pipeline's dispose (which polls
/// for in-flight executions with <c>TimeProvider.Delay</c>), waited on a clock nobody advances.
/// </summary>
public sealed class ResilienceClockTests
{
    private static readonly ConnectorMember Alice = new("29:alice", "Alice", "aad-alice", "alice@example.com", null);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Retry_Delay_Runs_On_The_Real_Clock_When_The_Host_Clock_Is_Fake()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice);
        host.Connector.FailNext(429, retryAfterSeconds: 1);

        var member = await host.Get<BotConnectorClient>()
            .GetMemberAsync(host.Connector.ServiceUrl, "a:alice-chat", Alice.Id, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("alice@example.com", member?.UserPrincipalName);
        Assert.Equal(2, host.Connector.Attempts);
    }

    [Fact]
    public async Task Host_Shuts_Down_While_A_Connector_Call_Is_Still_In_Flight()
    {
        var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice);
        var release = host.Connector.StallNext();
        var call = host.Get<BotConnectorClient>().GetMemberAsync(host.Connector.ServiceUrl, "a:alice-chat", Alice.Id, CancellationToken.None);
        await WaitUntilAsync(() => host.Connector.Attempts == 1);

        var disposing = host.DisposeAsync().AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        release.SetResult();

        await disposing; // bounded: TeamsTestHost fails with TimeoutException instead of hanging
        Assert.Equal("alice@example.com", (await call.WaitAsync(TeamsTestHost.Patience))?.UserPrincipalName);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TeamsTestHost.Patience);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
