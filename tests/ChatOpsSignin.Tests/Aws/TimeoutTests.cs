namespace ChatOpsSignin.Tests.Aws;

/// <summary>Endpoints that never answer: each attempt is cut by Aws:Timeout, retried a bounded number of times, then reported.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Cognito_Timeouts_Are_Retried_Then_Reported()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Aws:Timeout"] = "00:00:01");
        room.StandIn.HangNext("GetId", times: 3);

        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal("aws_timeout", issued.Failure?.Code);
        Assert.Equal(3, room.StandIn.Calls("GetId"));
    }

    [Fact]
    public async Task Federation_Timeout_Is_Retried_And_Can_Recover()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Aws:Timeout"] = "00:00:01");
        var issued = await room.IssueAsync("prod-readonly");
        room.StandIn.HangNext("getSigninToken");

        var link = await room.Links.CreateAsync(issued.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.True(link.Succeeded, link.Failure?.AdminMessage);
        Assert.Equal(2, room.StandIn.Calls("getSigninToken"));
    }

    [Fact]
    public async Task Sts_Timeout_Is_A_Typed_Failure()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Aws:Timeout"] = "00:00:01");
        room.StandIn.HangNext("AssumeRole", times: 10);

        var issued = await room.IssueAsync("prod-readonly");

        Assert.False(issued.Succeeded);
        Assert.Equal("aws_timeout", issued.Failure.Code);
        Assert.Equal(3, room.StandIn.Calls("AssumeRole"));
    }
}
