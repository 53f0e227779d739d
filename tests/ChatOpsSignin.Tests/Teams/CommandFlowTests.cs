using System.Net;
using ChatOpsSignin.StandIns.Teams;
using ChatOpsSignin.Teams.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class CommandFlowTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Mentioned_Console_Command_In_A_Channel_Is_Submitted_With_The_Upn_As_Handle()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(new ConnectorMember("29:alice", "Alice", "aad-alice", "alice@contoso.com", "alice.m@contoso.com"));
        var activity = TestActivities.Channel(host.Connector.ServiceUrl, "<at>ChatOpsSignin</at> console prod-readonly disk full");

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity, host.TokenFor(activity))).StatusCode);

        var request = Assert.Single(await host.Broker.WaitForSubmissionsAsync(1));
        Assert.Equal(("teams:tenant-1/aad-alice", "Alice", "prod-readonly", "disk full"),
            (request.Requester.Id.Key, request.Requester.Handle, request.Profile, request.Reason));
        Assert.Equal("alice@contoso.com", await host.Get<ChatOpsSignin.Core.Delivery.IChatDelivery>().ResolveHandleAsync(request, CancellationToken.None));
        var replyTo = ReplyTarget.Parse(request.ReplyTo);
        Assert.Equal((host.Connector.ServiceUrl, TestActivities.ChannelConversation, "channel", "29:alice", "28:app-id"),
            (replyTo.ServiceUrl, replyTo.ConversationId, replyTo.ConversationType, replyTo.UserId, replyTo.BotId));
    }

    [Fact]
    public async Task Handle_Falls_Back_To_The_Display_Name_When_Lookup_Fails()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");

        await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Equal("Alice", Assert.Single(await host.Broker.WaitForSubmissionsAsync(1)).Requester.Handle);
    }

    [Fact]
    public async Task Sender_Without_Entra_Object_Id_Is_Refused_With_A_Clear_Reply()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly", aadObjectId: null);

        await host.PostAsync(activity, host.TokenFor(activity));

        var reply = await host.Connector.WaitForAsync(_ => true);
        Assert.Contains("aadObjectId", reply.Text, StringComparison.Ordinal);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Help_Lists_The_Users_Profiles()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Channel(host.Connector.ServiceUrl, "<at>ChatOpsSignin</at> help");

        await host.PostAsync(activity, host.TokenFor(activity));

        var reply = await host.Connector.WaitForAsync(_ => true);
        Assert.Equal(TestActivities.ChannelConversation, reply.ConversationId);
        Assert.Contains("**prod-admin** (needs approval)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_Passes_The_Id_Through_And_Replies()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "cancel req_0abc");

        await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Contains("Cancelled req_0abc", (await host.Connector.WaitForAsync(_ => true)).Text, StringComparison.Ordinal);
    }
}
