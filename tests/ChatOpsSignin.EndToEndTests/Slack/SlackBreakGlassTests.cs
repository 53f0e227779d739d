using System.Net;
using System.Text.Json;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Slack;

/// <summary>
/// Break-glass over loopback: a signed <c>/aws-console break-glass</c> to the real bot, the Slack Web API stand-in and the
/// AWS stand-in. The link goes to the DM only, the approval channel gets the announcement and its review thread, an
/// approver's Acknowledge is recorded and shown; someone not in <c>BreakGlass:Allow</c> gets a refusal and no link.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlackBreakGlassTests : IAsyncLifetime
{
    private const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    private const string OnCall = "U0ONCALL";
    private const string Requester = "U0REQUESTER";
    private const string Lead = "U0LEAD";
    private const string OtherLead = "U0OTHERLEAD";
    private const string Outsider = "U0OUTSIDER";
    private const string ApprovalChannel = "C0APPROVALS";
    private const string AdminRole = "arn:aws:iam::111122223333:role/Admin";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string> Names = new()
    {
        [OnCall] = "daffy",
        [Requester] = "road.runner",
        [Lead] = "wile.e",
        [OtherLead] = "marvin",
        [Outsider] = "elmer",
    };

    // The AWS SDK signs with the real clock, so the bot's fake clock starts at the real now and only moves on Advance.
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(AdminRole);
        slack = await SlackStandIn.StartAsync(time);
        foreach (var (id, name) in Names)
        {
            slack.AddUser(id, name);
        }

        slack.AddChannel(ApprovalChannel);
        bot = new BotHost(aws, time, new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Groups:leads:0"] = Key(Lead),
            ["Groups:leads:1"] = Key(OtherLead),
            ["Profiles:prod-admin:RoleArn"] = AdminRole,
            ["Profiles:prod-admin:Allow:0"] = Key(Requester),
            ["Profiles:prod-admin:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod-admin:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-admin:BreakGlass:Allow:0"] = Key(OnCall),
        });
        bot.StartServer();
        client = new HttpClient(new SlackRequestSigner(SigningSecret, time) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = bot.BaseAddress,
        };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        await aws.DisposeAsync();
    }

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
        await Click(OnCall, requestId, selfUrl);
        var outsiderUrl = slack.NewResponseUrl();
        await Click(Outsider, requestId, outsiderUrl);
        Assert.Contains("own break-glass", (await FirstResponse(selfUrl)).Text, StringComparison.Ordinal);
        Assert.Contains("not an approver", (await FirstResponse(outsiderUrl)).Text, StringComparison.Ordinal);
        Assert.Equal(0, announcement.Updates);

        await Click(Lead, requestId, slack.NewResponseUrl());
        var lateUrl = slack.NewResponseUrl();
        await Click(OtherLead, requestId, lateUrl);

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

    private static string Key(string user) => $"slack:{SlackStandIn.TeamId}/{user}";

    private Task<HttpResponseMessage> Command(string user, string text, Uri responseUrl) =>
        client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, user, text, responseUrl, channelId: "C0GENERAL")));

    private async Task Click(string user, string requestId, Uri responseUrl)
    {
        using var response = await client.PostAsync(
            new Uri("/slack/interactivity", UriKind.Relative),
            SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, Names[user], "acknowledge", requestId, responseUrl, ApprovalChannel)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<SlackResponsePost> FirstResponse(Uri responseUrl) =>
        slack.WaitForAsync(s => s.ResponsesTo(responseUrl) is [var first, ..] ? first : null, Wait);

    private static Uri LinkIn(SlackPostedMessage message) => Assert.Single(SigninLinks.In(message.Blocks));

    private static string ButtonValue(SlackPostedMessage announcement) =>
        JsonDocument.Parse(announcement.Blocks!.ToJsonString()).RootElement.EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions")
            .GetProperty("elements")[0].GetProperty("value").GetString()!;

    private void AssertNoLinkOutsideTheDm(string requester)
    {
        var dm = SlackStandIn.DirectMessageChannel(requester);
        Assert.All(slack.Messages.Where(m => m.Channel != dm), m => Assert.DoesNotContain("federation", m.Rendered, StringComparison.Ordinal));
        Assert.All(slack.ResponsePosts, p => Assert.DoesNotContain("federation", p.Body.ToJsonString(), StringComparison.Ordinal));
    }
}
