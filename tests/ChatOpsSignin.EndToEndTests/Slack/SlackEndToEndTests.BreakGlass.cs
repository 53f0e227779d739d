using System.Net;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Slack;

/// <summary>
/// Break-glass over loopback: <c>/aws-console break-glass</c> gets the link in the DM only, the approval channel gets the
/// announcement and its review thread, an approver's Acknowledge is recorded and shown; an unacknowledged one is
/// re-posted once; someone not in <c>BreakGlass:Allow</c> gets a refusal and no link.
/// </summary>
public sealed partial class SlackEndToEndTests
{
    [Fact]
    public async Task A_Break_Glass_Gets_The_Link_Privately_The_Channel_Is_Told_And_The_First_Approvers_Acknowledge_Is_Shown()
    {
        using var ack = await Command(OnCall, "break-glass prod-admin INC-7 database down", slack.NewResponseUrl());
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var link = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(OnCall)).FirstOrDefault(m => m.Rendered.Contains("federation", StringComparison.Ordinal)), Wait);
        var login = await ConsoleBrowser.SignInAsync(aws, LinkIn(link));
        Assert.Equal(AdminRole, login.RoleArn);
        Assert.Equal("true", login.Tags["chat-break-glass"]);
        Assert.Equal(Key(OnCall), login.Tags["chat-user"]);
        Assert.False(login.Tags.ContainsKey("chat-approver"));
        var announcement = slack.MessagesIn(ApprovalChannel).First(m => m.Rendered.Contains("BREAK-GLASS", StringComparison.Ordinal));
        Assert.Contains($"<@{OnCall}>", announcement.Rendered, StringComparison.Ordinal);
        Assert.Contains("prod-admin", announcement.Rendered, StringComparison.Ordinal);
        Assert.Contains("INC-7 database down", announcement.Rendered, StringComparison.Ordinal);
        Assert.Contains("Session ends", announcement.Rendered, StringComparison.Ordinal);
        var review = Assert.Single(slack.MessagesIn(ApprovalChannel), m => m.Rendered.Contains("please review", StringComparison.Ordinal));
        Assert.Contains($"<@{Lead}> <@{OtherLead}>", review.Rendered, StringComparison.Ordinal);
        var issued = await bot.WaitForAuditAsync(AuditEventType.BreakGlassIssued, Wait);
        Assert.Equal("INC-7 database down", issued.Reason);
        var requestId = ButtonValue(announcement);

        var selfUrl = slack.NewResponseUrl();
        await Click(OnCall, "acknowledge", requestId, selfUrl);
        var outsiderUrl = slack.NewResponseUrl();
        await Click(Outsider, "acknowledge", requestId, outsiderUrl);
        Assert.Contains("own break-glass", (await FirstResponse(selfUrl)).Text, StringComparison.Ordinal);
        Assert.Contains("not an approver", (await FirstResponse(outsiderUrl)).Text, StringComparison.Ordinal);
        Assert.Equal(0, announcement.Updates);

        await Click(Lead, "acknowledge", requestId, slack.NewResponseUrl());
        var lateUrl = slack.NewResponseUrl();
        await Click(OtherLead, "acknowledge", requestId, lateUrl);

        Assert.Contains("Already acknowledged by wile.e", (await FirstResponse(lateUrl)).Text, StringComparison.Ordinal);
        await slack.WaitForAsync(_ => announcement.Updates > 0 ? announcement : null, Wait);
        Assert.Contains($"Acknowledged by <@{Lead}>", announcement.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("\"acknowledge\"", announcement.BlocksJson, StringComparison.Ordinal);
        Assert.Equal(Key(Lead), (await bot.WaitForAuditAsync(AuditEventType.BreakGlassAcknowledged, Wait)).Actor);
        Assert.Equal(1, aws.Calls("AssumeRole"));
        AssertNoLinkOutsideTheDm(OnCall);
    }

    [Fact]
    public async Task An_Unacknowledged_Break_Glass_Is_Reposted_Once()
    {
        using var ack = await Command(OnCall, "break-glass prod-admin INC-8 queue stuck", slack.NewResponseUrl());
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, Wait);

        time.Advance(TimeSpan.FromMinutes(15));

        var repost = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel).FirstOrDefault(m => m.Rendered.Contains("Still unacknowledged", StringComparison.Ordinal)), Wait);
        Assert.Contains($"<@{Lead}> <@{OtherLead}>", repost.Rendered, StringComparison.Ordinal);
        await bot.WaitForAuditAsync(AuditEventType.BreakGlassReposted, Wait);
        AssertNoLinkOutsideTheDm(OnCall);
    }

    [Fact]
    public async Task Someone_Not_In_Break_Glass_Allow_Is_Refused_And_Gets_No_Link()
    {
        var responseUrl = slack.NewResponseUrl();

        using var ack = await Command(Requester, "break-glass prod-admin INC-9 just because", responseUrl);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answer = await FirstResponse(responseUrl);
        Assert.Equal("ephemeral", answer.ResponseType);
        Assert.Contains("break_glass_not_allowed", answer.Text, StringComparison.Ordinal);
        Assert.Equal("break_glass_not_allowed", (await bot.WaitForAuditAsync(AuditEventType.BreakGlassRefused, Wait)).Code);
        Assert.Empty(slack.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)));
        Assert.Empty(slack.MessagesIn(ApprovalChannel));
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }
}
