using System.Net;
using System.Text.Json.Nodes;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class ConnectorClientTests
{
    private static readonly JsonObject Hello = OutboundActivity.Text("hello");

    public static TheoryData<int> NotRetryable => [400, 401, 403, 404, 413, 500];

    [Theory]
    [MemberData(nameof(NotRetryable))]
    public async Task Final_Status_Is_Not_Retried(int status)
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(status, times: 2);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(1, host.Connector.Attempts);
    }

    [Fact]
    public async Task Bot_Not_Installed_Says_To_Install_The_App()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().CreatePersonalConversationAsync(host.Connector.ServiceUrl, "28:app-id", "29:stranger", "tenant-1", CancellationToken.None));

        Assert.True(error.BotNotInstalledForUser);
        Assert.Contains("install the app for the user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Too_Big_Is_Reported_Clearly()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(413);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Contains("too big", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_Ids_Are_Url_Encoded()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        const string thread = "19:abc@thread.tacv2;messageid=1700000000000";

        await host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, thread, Hello.DeepClone().AsObject(), "1700000000000", CancellationToken.None);

        var sent = Assert.Single(host.Connector.Activities);
        Assert.Equal(thread, sent.ConversationId);
        Assert.Equal("1700000000000", sent.ReplyToId);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("file:///etc/passwd")]
    public async Task Service_Url_Outside_The_Allow_List_Is_Never_Called(string serviceUrl)
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);

        await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(serviceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Equal(0, host.Identity!.TokenRequests);
    }

    [Fact]
    public async Task Connector_Token_Is_Cached_Until_Near_Expiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var host = await TeamsTestHost.StartAsync(time);
        var client = host.Get<BotConnectorClient>();

        await client.SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None);
        await client.SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None);
        Assert.Equal(1, host.Identity!.TokenRequests);

        time.Advance(TimeSpan.FromMinutes(56));
        await client.SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None);

        Assert.Equal(2, host.Identity.TokenRequests);
        Assert.Equal(0, host.Connector.Unauthorized);
    }

    [Fact]
    public async Task Wrong_App_Password_Is_Reported_Without_The_Secret()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System, new() { ["Teams:AppPassword"] = "wrong-password" });

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Contains("Teams:AppPassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Activities);
    }
}
