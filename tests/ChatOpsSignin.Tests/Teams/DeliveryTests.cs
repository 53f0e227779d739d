using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Tests.Core.Flow;
using ChatOpsSignin.StandIns.Teams;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class DeliveryTests
{
    private static readonly ConnectorMember Alice = new("29:alice", "Alice", "aad-alice", "alice@contoso.com", "alice@contoso.com");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Link_Requested_In_A_Channel_Goes_Only_To_The_Requesters_1to1_Chat()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice);
        var delivery = host.Get<IChatDelivery>();
        var request = TestLinks.Request(ChannelReplyTo(host), time.GetUtcNow());

        var messageRef = await delivery.DeliverLinkAsync(TestLinks.Delivery(request, time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(2, host.Connector.Activities.Count);
        var placeholder = host.Connector.Activities[0];
        Assert.Equal("POST", placeholder.Method);
        Assert.DoesNotContain("SigninToken", placeholder.Json, StringComparison.Ordinal);
        var sent = host.Connector.Activities[1];
        Assert.Equal(("PUT", placeholder.ActivityId), (sent.Method, sent.ActivityId));
        Assert.Equal(BotConnectorStandIn.PersonalConversationId(Alice), sent.ConversationId);
        var card = Assert.Single(sent.Cards).ToJsonString();
        Assert.Contains("Open AWS console", card, StringComparison.Ordinal);
        Assert.Contains("SigninToken=SECRET-TOKEN", card, StringComparison.Ordinal);
        Assert.Contains("111122223333", card, StringComparison.Ordinal);
        var parsed = MessageRef.Parse(messageRef);
        Assert.Equal((host.Connector.ServiceUrl, sent.ConversationId, sent.ActivityId), (parsed.ServiceUrl, parsed.ConversationId, parsed.ActivityId));
        Assert.DoesNotContain(host.Connector.Activities, a => a.ConversationId.StartsWith("19:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_Abandoned_Slot_Overwrites_Whatever_A_Lost_Put_Left_And_Nothing_Is_Left_To_Find()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var delivery = host.Get<IChatDelivery>();
        var request = TestLinks.Request(PersonalReplyTo(host), time.GetUtcNow());
        var slot = await delivery.DeliverLinkAsync(TestLinks.Delivery(request, time.GetUtcNow()), CancellationToken.None);

        Assert.Empty(await delivery.FindShownLinksAsync(slot, request, time.GetUtcNow(), CancellationToken.None));
        await delivery.AbandonLinkSlotAsync(slot, request, new ChatOpsSignin.Core.Outcomes.SigninFailure("delivery_failed", "try again", "admin"), CancellationToken.None);

        var last = host.Connector.Activities[^1];
        Assert.Equal(("PUT", host.Connector.Activities[0].ActivityId), (last.Method, last.ActivityId));
        Assert.DoesNotContain("SigninToken", last.Json, StringComparison.Ordinal);
        Assert.Contains("try again", last.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_Link_Card_Is_Replaced_Without_The_Url()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var delivery = host.Get<IChatDelivery>();
        var request = TestLinks.Request(PersonalReplyTo(host), time.GetUtcNow());
        var messageRef = await delivery.DeliverLinkAsync(TestLinks.Delivery(request, time.GetUtcNow()), CancellationToken.None);

        await delivery.RemoveLinkAsync(
            new IssuedLinkRecord(request.Id, ChatPlatform.Teams, request.Requester.Id, request.Profile, messageRef, time.GetUtcNow(), time.GetUtcNow().AddMinutes(15)),
            CancellationToken.None);

        var update = host.Connector.Activities[^1];
        Assert.Equal("PUT", update.Method);
        Assert.Equal(host.Connector.Activities[0].ActivityId, update.ActivityId);
        Assert.Contains("expired", update.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("http", update.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_For_A_User_Without_The_App_Fails_With_Install_Advice()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice with { Installed = false });
        var request = TestLinks.Request(ChannelReplyTo(host), time.GetUtcNow());

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<IChatDelivery>().DeliverLinkAsync(TestLinks.Delivery(request, time.GetUtcNow()), CancellationToken.None));

        Assert.True(error.BotNotInstalledForUser);
        Assert.Empty(host.Connector.Activities);
    }

    [Fact]
    public async Task Channel_Only_Hears_Check_Your_1to1_Chat()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice);
        var request = TestLinks.Request(ChannelReplyTo(host), time.GetUtcNow());

        await host.Get<IChatDelivery>().NotifyRequesterAsync(request, new RequesterNotice.LinkSentPrivately("prod-readonly"), CancellationToken.None);

        var sent = Assert.Single(host.Connector.Activities);
        Assert.Equal(TestActivities.ChannelConversation, sent.ConversationId);
        Assert.Contains("1:1 chat", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_For_A_Channel_Request_Goes_To_The_1to1_Chat()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Connector.AddMember(Alice);
        var request = TestLinks.Request(ChannelReplyTo(host), time.GetUtcNow());

        await host.Get<IChatDelivery>().NotifyRequesterAsync(
            request, new RequesterNotice.Refused(ChatOpsSignin.Core.Policy.PolicyRefusals.NotAllowed("prod-readonly")), CancellationToken.None);

        var sent = Assert.Single(host.Connector.Activities);
        Assert.Equal(BotConnectorStandIn.PersonalConversationId(Alice), sent.ConversationId);
        Assert.Contains("allow-list", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_In_A_Personal_Chat_Is_A_Reply_There()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var request = TestLinks.Request(PersonalReplyTo(host), time.GetUtcNow());

        await host.Get<IChatDelivery>().NotifyRequesterAsync(
            request, new RequesterNotice.Refused(ChatOpsSignin.Core.Policy.PolicyRefusals.UnknownProfile("nope")), CancellationToken.None);

        var sent = Assert.Single(host.Connector.Activities);
        Assert.Equal("a:alice-chat", sent.ConversationId);
        Assert.Equal("1700000000001", sent.ReplyToId);
    }

    [Fact]
    public async Task Approval_Prompt_Goes_To_The_Teams_Channel_And_Is_Updated_With_The_Decision()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var delivery = host.Get<IChatDelivery>();
        var pending = new PendingApproval(TestLinks.Request(PersonalReplyTo(host), time.GetUtcNow(), "prod-admin"), time.GetUtcNow().AddMinutes(30), ApprovalState.Pending);

        var promptRef = await delivery.PostApprovalPromptAsync(pending, "19:approvals@thread.tacv2", CancellationToken.None);
        var bob = new ChatUser(ChatUserId.Teams(TestActivities.Tenant, "aad-bob"), "bob@contoso.com");
        await delivery.UpdateApprovalPromptAsync(pending with { State = ApprovalState.Approved, DecidedBy = bob, DecidedAt = time.GetUtcNow(), PromptRef = promptRef }, CancellationToken.None);

        var prompt = host.Connector.Activities[0];
        Assert.Equal("19:approvals@thread.tacv2", prompt.ConversationId);
        var actions = Assert.Single(prompt.Cards)["actions"]!.AsArray();
        Assert.Equal(["Approve", "Deny"], actions.Select(a => a!["title"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal("Action.Execute", a!["type"]!.GetValue<string>()));
        var update = host.Connector.Activities[1];
        Assert.Equal(("PUT", prompt.ActivityId), (update.Method, update.ActivityId));
        Assert.Contains("Approved by bob@contoso.com", update.Json, StringComparison.Ordinal);
        var left = Assert.Single(Assert.Single(update.Cards)["actions"]!.AsArray())!;
        Assert.Equal(("Revoke", "revoke"), (left["title"]!.GetValue<string>(), left["verb"]!.GetValue<string>()));
    }

    private static string PersonalReplyTo(TeamsTestHost host) =>
        new ReplyTarget(host.Connector.ServiceUrl, "a:alice-chat", "personal", "1700000000001", "29:alice", TestActivities.Tenant, TestActivities.BotId).ToJson();

    private static string ChannelReplyTo(TeamsTestHost host) =>
        new ReplyTarget(host.Connector.ServiceUrl, TestActivities.ChannelConversation, "channel", "1700000000001", "29:alice", TestActivities.Tenant, TestActivities.BotId).ToJson();
}
