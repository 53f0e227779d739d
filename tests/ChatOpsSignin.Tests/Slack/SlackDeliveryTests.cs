using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.StandIns.Slack;
using ChatOpsSignin.Tests.Core.Flow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>IChatDelivery for Slack against the stand-in: DMs, response_url, approval prompts, link removal.</summary>
public sealed class SlackDeliveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(SlackSamples.Now);
    private SlackStandIn standIn = null!;
    private ServiceProvider services = null!;

    private IChatDelivery Delivery => services.GetRequiredService<IChatDelivery>();

    /// <summary>A request whose command's response_url this process holds (in memory only, never in the store).</summary>
    private ChatOpsSignin.Core.Requests.SigninRequest Remembered(Uri responseUrl)
    {
        var request = SlackSamples.Request();
        services.GetRequiredService<ChatOpsSignin.Slack.Delivery.ResponseUrls>().Remember(request.Id, responseUrl.AbsoluteUri);
        return request;
    }

    private static string Dm => SlackStandIn.DirectMessageChannel(SlackSamples.Requester);

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync(time);
        standIn.AddUser(SlackSamples.Requester, "road.runner");
        standIn.AddChannel(SlackSamples.ApprovalChannel);
        services = SlackServices.Create(standIn, time);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task Link_Goes_To_The_Requesters_Dm_Without_Unfurling()
    {
        var delivery = SlackSamples.Link(Remembered(standIn.NewResponseUrl()));

        var messageRef = await Delivery.DeliverLinkAsync(delivery, CancellationToken.None);

        var message = Assert.Single(standIn.Messages);
        Assert.Equal(Dm, message.Channel);
        Assert.Equal((false, false), (message.UnfurlLinks, message.UnfurlMedia));
        Assert.Contains(SlackSamples.SigninUrl.AbsoluteUri, message.BlocksJson, StringComparison.Ordinal);
        Assert.DoesNotContain("http", message.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($$"""{"channel":"{{Dm}}","ts":"{{message.Ts}}"}""", messageRef);
        Assert.Empty(standIn.ResponsePosts);
    }

    [Fact]
    public async Task Expired_Link_Message_Is_Edited_So_No_Url_Is_Left()
    {
        var request = SlackSamples.Request();
        var messageRef = await Delivery.DeliverLinkAsync(SlackSamples.Link(request), CancellationToken.None);
        var record = new IssuedLinkRecord(request.Id, request.Platform, request.Requester.Id, request.Profile, messageRef, SlackSamples.Now, SlackSamples.Now.AddMinutes(15));

        await Delivery.RemoveLinkAsync(record, CancellationToken.None);

        var message = Assert.Single(standIn.Messages);
        Assert.Equal(1, message.Updates);
        Assert.DoesNotContain("http", message.Rendered, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expired", message.Rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiring_A_Deleted_Message_Is_Not_An_Error()
    {
        var request = SlackSamples.Request();
        var record = new IssuedLinkRecord(request.Id, request.Platform, request.Requester.Id, request.Profile,
            $$"""{"channel":"{{SlackSamples.ApprovalChannel}}","ts":"1.2"}""", SlackSamples.Now, SlackSamples.Now.AddMinutes(15));

        await Delivery.RemoveLinkAsync(record, CancellationToken.None);

        Assert.Equal("message_not_found", standIn.Calls.Single(c => c.Method == "chat.update").Error);
    }

    [Fact]
    public async Task Refusal_Goes_To_The_Response_Url_As_Ephemeral()
    {
        var responseUrl = standIn.NewResponseUrl();
        var failure = new SigninFailure("not_allowed", "Ask an admin to add you.", "admin");

        await Delivery.NotifyRequesterAsync(Remembered(responseUrl), new RequesterNotice.Refused(failure), CancellationToken.None);

        var post = Assert.Single(standIn.ResponsesTo(responseUrl));
        Assert.Equal("ephemeral", post.ResponseType);
        Assert.Contains("Ask an admin to add you.", post.Text, StringComparison.Ordinal);
        Assert.Empty(standIn.Messages);
    }

    [Fact]
    public async Task Notice_Falls_Back_To_Dm_When_The_Response_Url_Is_Past_30_Minutes()
    {
        var responseUrl = standIn.NewResponseUrl();
        var request = Remembered(responseUrl);
        time.Advance(TimeSpan.FromMinutes(31));

        await Delivery.NotifyRequesterAsync(request, new RequesterNotice.AwaitingApproval(request.Profile, SlackSamples.Now), CancellationToken.None);

        Assert.Empty(standIn.ResponsePosts);
        Assert.Contains("needs approval", Assert.Single(standIn.MessagesIn(Dm)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_Falls_Back_To_Dm_When_Slack_Refuses_The_Response_Url()
    {
        var responseUrl = standIn.NewResponseUrl();
        var request = Remembered(responseUrl);
        for (var i = 0; i < SlackStandIn.ResponseUrlMaxUses; i++)
        {
            await Delivery.NotifyRequesterAsync(request, new RequesterNotice.AwaitingApproval(request.Profile, SlackSamples.Now), CancellationToken.None);
        }

        await Delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(SigninFailure.Of("not_allowed", "Ask an admin.")), CancellationToken.None);

        Assert.Equal(SlackStandIn.ResponseUrlMaxUses, standIn.ResponsesTo(responseUrl).Count);
        Assert.Single(standIn.MessagesIn(Dm));
    }

    [Fact]
    public async Task Response_Url_Off_Slack_Is_Never_Called()
    {
        var request = Remembered(new Uri("https://attacker.example/collect"));

        await Delivery.NotifyRequesterAsync(request, new RequesterNotice.AwaitingApproval(request.Profile, SlackSamples.Now), CancellationToken.None);

        Assert.Single(standIn.MessagesIn(Dm));
    }

    [Fact]
    public async Task Link_Sent_Is_Not_Repeated_Beside_The_Dm_That_Carries_It()
    {
        var responseUrl = standIn.NewResponseUrl();
        var request = Remembered(responseUrl);

        await Delivery.NotifyRequesterAsync(request, new RequesterNotice.LinkSentPrivately(request.Profile), CancellationToken.None);

        Assert.Empty(standIn.ResponsePosts);
        Assert.Empty(standIn.Messages);
    }

    [Fact]
    public async Task Decisions_Reach_The_Requester_By_Dm()
    {
        var request = Remembered(standIn.NewResponseUrl());

        await Delivery.NotifyRequesterAsync(request, new RequesterNotice.Decided(ApprovalState.Approved, SlackSamples.ApproverUser), CancellationToken.None);

        Assert.Empty(standIn.ResponsePosts);
        Assert.Contains($"<@{SlackSamples.Approver}> approved", Assert.Single(standIn.MessagesIn(Dm)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_Prompt_Is_Posted_In_The_Channel_And_Updated_With_Only_A_Revoke_Button()
    {
        var pending = SlackSamples.Pending(SlackSamples.Request());

        var promptRef = await Delivery.PostApprovalPromptAsync(pending, SlackSamples.ApprovalChannel, CancellationToken.None);
        var prompt = Assert.Single(standIn.MessagesIn(SlackSamples.ApprovalChannel));
        Assert.Contains("\"action_id\":\"approve\"", prompt.BlocksJson, StringComparison.Ordinal);

        var decided = pending with { State = ApprovalState.Approved, DecidedBy = SlackSamples.ApproverUser, DecidedAt = SlackSamples.Now, PromptRef = promptRef };
        await Delivery.UpdateApprovalPromptAsync(decided, CancellationToken.None);

        Assert.Equal(1, prompt.Updates);
        Assert.DoesNotContain("\"action_id\":\"approve\"", prompt.BlocksJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\"action_id\":\"deny\"", prompt.BlocksJson, StringComparison.Ordinal);
        Assert.Contains("\"action_id\":\"revoke_session\"", prompt.BlocksJson, StringComparison.Ordinal);
        Assert.Contains($"Approved by <@{SlackSamples.Approver}>", prompt.Rendered, StringComparison.Ordinal);
    }

}
