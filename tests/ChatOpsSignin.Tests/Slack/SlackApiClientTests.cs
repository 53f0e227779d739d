using ChatOpsSignin.Slack.Identity;
using ChatOpsSignin.Slack.WebApi;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The typed Web API client against the Slack stand-in over loopback.</summary>
public sealed class SlackApiClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(SlackSamples.Now);
    private SlackStandIn standIn = null!;
    private ServiceProvider services = null!;

    private SlackApiClient Client => services.GetRequiredService<SlackApiClient>();

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync(time);
        standIn.AddUser(SlackSamples.Requester, "road.runner", "road.runner@example.com");
        standIn.AddChannel(SlackSamples.ApprovalChannel);
        services = SlackServices.Create(standIn, time);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task Ok_False_Surfaces_Slacks_Error_Code()
    {
        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Client.PostMessageAsync("C0NOWHERE", new SlackMessage("hello"), CancellationToken.None));

        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal("channel_not_found", error.Error);
    }

    [Fact]
    public async Task Wrong_Bot_Token_Is_Invalid_Auth()
    {
        await using var wrong = SlackServices.Create(standIn, time, new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-wrong" });

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            wrong.GetRequiredService<SlackApiClient>().OpenDirectMessageAsync(SlackSamples.Requester, CancellationToken.None));

        Assert.Equal("invalid_auth", error.Error);
    }

    [Fact]
    public async Task Posts_Turn_Unfurling_Off()
    {
        var channel = await Client.OpenDirectMessageAsync(SlackSamples.Requester, CancellationToken.None);
        var posted = await Client.PostMessageAsync(channel, new SlackMessage("hi"), CancellationToken.None);

        var message = Assert.Single(standIn.Messages);
        Assert.Equal((SlackStandIn.DirectMessageChannel(SlackSamples.Requester), posted.Ts), (message.Channel, message.Ts));
        Assert.False(message.UnfurlLinks);
        Assert.False(message.UnfurlMedia);
    }

    [Fact]
    public async Task Users_Info_Gives_Name_And_Email()
    {
        var user = await Client.GetUserAsync(SlackSamples.Requester, CancellationToken.None);

        Assert.Equal(("road.runner", "road.runner@example.com"), (user.Name, user.Email));
    }

    [Theory]
    [InlineData("false", "road.runner")]
    [InlineData("true", "road.runner@example.com")]
    public async Task Session_Handle_Is_The_Slack_Name_Or_Email(string useEmail, string expected)
    {
        await using var configured = SlackServices.Create(standIn, time, new Dictionary<string, string?> { ["Slack:UseEmailAsHandle"] = useEmail });

        var handle = await configured.GetRequiredService<HandleResolver>().ResolveAsync(SlackSamples.Requester, CancellationToken.None);

        Assert.Equal(expected, handle);
    }

    [Fact]
    public async Task Session_Handle_Falls_Back_To_The_User_Id()
    {
        var handle = await services.GetRequiredService<HandleResolver>().ResolveAsync("U0UNKNOWN", CancellationToken.None);

        Assert.Equal("U0UNKNOWN", handle);
    }

    [Fact]
    public async Task Post_Message_Is_Not_Retried_On_500()
    {
        standIn.FailNextWithStatus(500, calls: 1, method: "chat.postMessage");

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Client.PostMessageAsync(SlackSamples.ApprovalChannel, new SlackMessage("once"), CancellationToken.None));

        Assert.Equal("http_500", error.Error);
        Assert.Equal(1, standIn.CallCount("chat.postMessage"));
        Assert.Empty(standIn.Messages);
    }

    [Fact]
    public async Task Idempotent_Calls_Are_Retried_On_503()
    {
        standIn.FailNextWithStatus(503, calls: 1, method: "conversations.open");
        var opening = Client.OpenDirectMessageAsync(SlackSamples.Requester, CancellationToken.None);

        var channel = await AdvanceUntilDoneAsync(opening);

        Assert.Equal(SlackStandIn.DirectMessageChannel(SlackSamples.Requester), channel);
        Assert.Equal(2, standIn.CallCount("conversations.open"));
    }

    [Fact]
    public async Task Rate_Limited_Call_Waits_For_Retry_After_Then_Succeeds()
    {
        standIn.RateLimitNext(1, retryAfterSeconds: 5);
        var posting = Client.PostMessageAsync(SlackSamples.ApprovalChannel, new SlackMessage("after the wait"), CancellationToken.None);
        await standIn.WaitForAsync(s => s.CallCount("chat.postMessage") >= 1 ? s : null);

        var advanced = TimeSpan.Zero;
        while (standIn.CallCount("chat.postMessage") < 2)
        {
            Assert.False(posting.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await WaitBrieflyForCallAsync("chat.postMessage", 2);
        }

        await posting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(advanced >= TimeSpan.FromSeconds(5), $"retried after {advanced} of fake time");
        Assert.Single(standIn.Messages);
    }

    [Fact]
    public async Task Rate_Limit_Retries_Are_Bounded()
    {
        standIn.RateLimitNext(10, retryAfterSeconds: 1);
        var posting = Client.PostMessageAsync(SlackSamples.ApprovalChannel, new SlackMessage("never"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => AdvanceUntilDoneAsync(posting));

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(1 + 3, standIn.CallCount("chat.postMessage"));
        Assert.Empty(standIn.Messages);
    }

    [Fact]
    public async Task Retry_After_Beyond_The_Wait_Budget_Is_Not_Waited_For()
    {
        standIn.RateLimitNext(1, retryAfterSeconds: 120);

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Client.PostMessageAsync(SlackSamples.ApprovalChannel, new SlackMessage("later"), CancellationToken.None));

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(1, standIn.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task Socket_Connection_Needs_The_App_Token()
    {
        await using var withApp = SlackServices.Create(standIn, time, new Dictionary<string, string?> { ["Slack:AppToken"] = SlackStandIn.AppToken });

        var url = await withApp.GetRequiredService<SlackApiClient>().OpenSocketConnectionAsync(CancellationToken.None);

        Assert.Equal("ws", url.Scheme);
        Assert.Equal("app", standIn.Calls.Single(c => c.Method == "apps.connections.open").TokenKind);
    }

    /// <summary>Drives fake time one second at a time while the client waits out a retry delay.</summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> call)
    {
        for (var i = 0; i < 120 && !call.IsCompleted; i++)
        {
            var calls = standIn.Calls.Count;
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, standIn.WaitForAsync(s => s.Calls.Count > calls ? s : null, TimeSpan.FromMilliseconds(200)).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task WaitBrieflyForCallAsync(string method, int count)
    {
        try
        {
            await standIn.WaitForAsync(s => s.CallCount(method) >= count ? s : null, TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException)
        {
            // Not yet: the retry delay has more fake time to run.
            Assert.True(standIn.CallCount(method) < count);
        }
    }
}
