using System.Net;
using System.Text.Json;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Slack;

/// <summary>
/// The whole path over loopback: a signed slash command to the real bot on Kestrel, the Slack Web API stand-in,
/// the AWS stand-in (STS + federation), and the console login the link leads to.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class SlackEndToEndTests : IAsyncLifetime
{
    private const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    private const string Requester = "U0REQUESTER";
    private const string Lead = "U0LEAD";
    private const string OtherLead = "U0OTHERLEAD";
    private const string Outsider = "U0OUTSIDER";
    private const string ThirdLead = "U0THIRDLEAD";
    private const string OnCall = "U0ONCALL";
    private const string ApprovalChannel = "C0APPROVALS";
    private const string ReadOnlyRole = "arn:aws:iam::111122223333:role/ReadOnly";
    private const string AdminRole = "arn:aws:iam::111122223333:role/Admin";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string> Names = new()
    {
        [Requester] = "road.runner",
        [Lead] = "wile.e",
        [OtherLead] = "marvin",
        [Outsider] = "elmer",
        [ThirdLead] = "porky",
        [OnCall] = "daffy",
    };

    // The AWS stand-in keeps the real clock and the bot signs with its fake one, so that starts at the real now and only moves on Advance.
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(ReadOnlyRole);
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
            ["Profiles:prod-readonly:RoleArn"] = ReadOnlyRole,
            ["Profiles:prod-readonly:Region"] = "eu-west-1",
            ["Profiles:prod-readonly:Destination"] = "cloudwatch",
            ["Profiles:prod-readonly:Allow:0"] = Key(Requester),
            ["Profiles:prod-admin:RoleArn"] = AdminRole,
            ["Profiles:prod-admin:Allow:0"] = Key(Requester),
            ["Profiles:prod-admin:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod-admin:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-admin:BreakGlass:Allow:0"] = Key(OnCall),
            ["Groups:leads:2"] = Key(ThirdLead),
            ["Profiles:prod-two:RoleArn"] = AdminRole,
            ["Profiles:prod-two:Allow:0"] = Key(Requester),
            ["Profiles:prod-two:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod-two:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-two:Approval:Required"] = "2",
            ["Profiles:prod-reuse:RoleArn"] = AdminRole,
            ["Profiles:prod-reuse:Allow:0"] = Key(Requester),
            ["Profiles:prod-reuse:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod-reuse:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-reuse:Approval:ReuseFor"] = "01:00:00",
            ["Profiles:prod-ticket:RoleArn"] = AdminRole,
            ["Profiles:prod-ticket:Allow:0"] = Key(Requester),
            ["Profiles:prod-ticket:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod-ticket:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-ticket:Approval:RequireReason"] = "true",
            ["Profiles:prod-ticket:Approval:ReasonPattern"] = "^[A-Z]+-\\d+",
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
    public async Task Slash_Command_Brings_A_Dm_Whose_Link_Signs_In_As_The_Requester()
    {
        var responseUrl = slack.NewResponseUrl();

        using var ack = await Command(Requester, "prod-readonly checking alarms", responseUrl);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var dm = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        Assert.False(dm.UnfurlLinks);
        Assert.False(dm.UnfurlMedia);
        var login = await ConsoleBrowser.SignInAsync(aws, LinkIn(dm));
        Assert.Equal(ReadOnlyRole, login.RoleArn);
        Assert.StartsWith("road.runner+", login.SessionName, StringComparison.Ordinal);
        Assert.Equal(login.SessionName, login.SourceIdentity);
        Assert.Equal(Key(Requester), login.Tags["chat-user"]);
        Assert.Equal("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1", login.Destination);
        Assert.Contains("comes in a direct message", await ack.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(slack.ResponsesTo(responseUrl));
        AssertNoLinkOutsideTheDm(Requester);
    }

    [Fact]
    public async Task Approval_With_Three_Users_Gives_One_Link_To_The_Requester_Only()
    {
        using var ack = await Command(Requester, "prod-admin INC-42 rollback", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        var requestId = ButtonValue(prompt);

        var selfUrl = slack.NewResponseUrl();
        await Click(Requester, "approve", requestId, selfUrl);
        var outsiderUrl = slack.NewResponseUrl();
        await Click(Outsider, "approve", requestId, outsiderUrl);
        Assert.Contains("own request", (await FirstResponse(selfUrl)).Text, StringComparison.Ordinal);
        Assert.Contains("not an approver", (await FirstResponse(outsiderUrl)).Text, StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));

        await Click(Lead, "approve", requestId, slack.NewResponseUrl());
        var lateUrl = slack.NewResponseUrl();
        await Click(OtherLead, "approve", requestId, lateUrl);

        Assert.Contains("Already approved by wile.e", (await FirstResponse(lateUrl)).Text, StringComparison.Ordinal);
        var dmChannel = SlackStandIn.DirectMessageChannel(Requester);
        var link = await slack.WaitForAsync(s => s.MessagesIn(dmChannel).FirstOrDefault(m => m.Rendered.Contains("federation", StringComparison.Ordinal)), Wait);
        var login = await ConsoleBrowser.SignInAsync(aws, LinkIn(link));
        Assert.Equal(AdminRole, login.RoleArn);
        Assert.Equal(Key(Lead), login.Tags["chat-approver"]);
        await slack.WaitForAsync(_ => prompt.Updates > 0 ? prompt : null, Wait);
        Assert.Contains($"<@{Lead}>", prompt.Rendered, StringComparison.Ordinal);
        Assert.Equal(1, aws.Calls("AssumeRole"));
        AssertNoLinkOutsideTheDm(Requester);
    }

    [Fact]
    public async Task The_Link_Message_Is_Edited_Away_When_Its_15_Minutes_Are_Over()
    {
        using var ack = await Command(Requester, "prod-readonly", slack.NewResponseUrl());
        var dm = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        Assert.Contains("federation", dm.Rendered, StringComparison.Ordinal);
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, Wait);

        time.Advance(TimeSpan.FromMinutes(16));

        await slack.WaitForAsync(_ => dm.Updates > 0 ? dm : null, Wait);
        Assert.DoesNotContain("federation", dm.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("SigninToken", dm.Rendered, StringComparison.Ordinal);
        Assert.Contains("expired", dm.Rendered, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "unknown profile", Requester, "prod-nonexistent" },
        { "user not on the allow-list", Outsider, "prod-readonly" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_Command_Gets_An_Ephemeral_Reason_And_Issues_Nothing(string why, string user, string text)
    {
        var responseUrl = slack.NewResponseUrl();

        using var ack = await Command(user, text, responseUrl);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answer = await FirstResponse(responseUrl);
        Assert.True(answer.ResponseType == "ephemeral", why);
        Assert.Equal(0, aws.Calls("AssumeRole"));
        Assert.Empty(slack.MessagesIn(SlackStandIn.DirectMessageChannel(user)));
    }

    [Fact]
    public async Task Two_Approver_Request_First_Leaves_It_Pending_Second_Issues_One_Link_Third_Is_Told_It_Is_Decided()
    {
        using var ack = await Command(Requester, "prod-two INC-9 failover", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        Assert.Contains("0 of 2", prompt.Rendered, StringComparison.Ordinal);
        var requestId = ButtonValue(prompt);

        await Click(Lead, "approve", requestId, slack.NewResponseUrl());
        await slack.WaitForAsync(_ => prompt.Updates > 0 ? prompt : null, Wait);
        Assert.Contains("1 of 2", prompt.Rendered, StringComparison.Ordinal);
        Assert.Contains($"approved by <@{Lead}>", prompt.Rendered, StringComparison.Ordinal);
        Assert.Contains($"Still may decide: <@{OtherLead}>, <@{ThirdLead}>", prompt.Rendered, StringComparison.Ordinal);
        Assert.Contains("Approve", prompt.Rendered, StringComparison.Ordinal);
        var twiceUrl = slack.NewResponseUrl();
        await Click(Lead, "approve", requestId, twiceUrl);
        Assert.Contains("already approved", (await FirstResponse(twiceUrl)).Text, StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));

        await Click(OtherLead, "approve", requestId, slack.NewResponseUrl());
        var dmChannel = SlackStandIn.DirectMessageChannel(Requester);
        var link = await slack.WaitForAsync(s => s.MessagesIn(dmChannel).FirstOrDefault(m => m.Rendered.Contains("federation", StringComparison.Ordinal)), Wait);
        var lateUrl = slack.NewResponseUrl();
        await Click(ThirdLead, "approve", requestId, lateUrl);

        Assert.Contains("Already approved by wile.e, marvin", (await FirstResponse(lateUrl)).Text, StringComparison.Ordinal);
        var login = await ConsoleBrowser.SignInAsync(aws, LinkIn(link));
        Assert.Equal(Key(OtherLead), login.Tags["chat-approver"]);
        Assert.Equal($"{Key(Lead)} {Key(OtherLead)}", login.Tags["chat-approvers"]);
        await slack.WaitForAsync(_ => prompt.Rendered.Contains(":white_check_mark:", StringComparison.Ordinal) ? prompt : null, Wait);
        Assert.Equal(1, aws.Calls("AssumeRole"));
        AssertNoLinkOutsideTheDm(Requester);
    }

    [Fact]
    public async Task A_Deactivated_Approver_Is_Not_Pinged_And_The_Request_Still_Goes_Through()
    {
        slack.DeactivateUser(OtherLead);

        using var ack = await Command(Requester, "prod-admin INC-5", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);

        Assert.Contains($"Asking <@{Lead}>", prompt.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain($"<@{OtherLead}>", prompt.Rendered, StringComparison.Ordinal);
        await Click(Lead, "approve", ButtonValue(prompt), slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)).FirstOrDefault(m => m.Rendered.Contains("federation", StringComparison.Ordinal)), Wait);
    }

    [Fact]
    public async Task An_Undecided_Request_Is_Reminded_Once_In_The_Prompts_Thread_At_Half_Its_Timeout()
    {
        using var ack = await Command(Requester, "prod-admin INC-6", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        await bot.WaitForAuditAsync(AuditEventType.ApprovalRequested, Wait);

        time.Advance(TimeSpan.FromMinutes(16));

        var reminder = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel).FirstOrDefault(m => m.Rendered.Contains("Reminder", StringComparison.Ordinal)), Wait);
        Assert.Contains($"<@{Lead}> <@{OtherLead}>", reminder.Rendered, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(slack.MessagesIn(ApprovalChannel), m => m.Rendered.Contains("Reminder", StringComparison.Ordinal));
        Assert.NotSame(prompt, reminder);
    }

    [Fact]
    public async Task A_Reuse_Window_Issues_Without_A_Prompt_Then_Lapses_On_The_Clock()
    {
        var dm = SlackStandIn.DirectMessageChannel(Requester);
        using var first = await Command(Requester, "prod-reuse INC-1", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        await Click(Lead, "approve", ButtonValue(prompt), slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(dm).Count(m => m.Rendered.Contains("federation", StringComparison.Ordinal)) == 1 ? s : null, Wait);
        await slack.WaitForAsync(_ => prompt.Rendered.Contains("End reuse window", StringComparison.Ordinal) ? prompt : null, Wait);

        using var second = await Command(Requester, "prod-reuse INC-1 again", slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(dm).Count(m => m.Rendered.Contains("federation", StringComparison.Ordinal)) == 2 ? s : null, Wait);
        Assert.Single(slack.MessagesIn(ApprovalChannel));
        Assert.Equal(2, aws.Calls("AssumeRole"));

        // Both Issue steps must be finished before the clock jumps, or a jump past their lease would run one again.
        await bot.WaitForIssuedAsync(2, Wait);
        time.Advance(TimeSpan.FromMinutes(61));
        using var third = await Command(Requester, "prod-reuse INC-1 later", slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel).Count == 2 ? s : null, Wait);
        Assert.Equal(2, aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task An_Approver_Ends_The_Reuse_Window_With_The_Button()
    {
        var dm = SlackStandIn.DirectMessageChannel(Requester);
        using var first = await Command(Requester, "prod-reuse INC-2", slack.NewResponseUrl());
        var prompt = await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        var requestId = ButtonValue(prompt);
        await Click(Lead, "approve", requestId, slack.NewResponseUrl());
        await slack.WaitForAsync(_ => prompt.Rendered.Contains("End reuse window", StringComparison.Ordinal) ? prompt : null, Wait);

        var endUrl = slack.NewResponseUrl();
        await Click(OtherLead, "end_reuse", requestId, endUrl);

        Assert.Contains("Reuse window ended", (await FirstResponse(endUrl)).Text, StringComparison.Ordinal);
        using var second = await Command(Requester, "prod-reuse INC-2 again", slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel).Count == 2 ? s : null, Wait);
    }

    [Fact]
    public async Task A_Reason_That_Does_Not_Match_The_Pattern_Is_Refused_With_The_Expected_Format()
    {
        var responseUrl = slack.NewResponseUrl();

        using var ack = await Command(Requester, "prod-ticket because I said so", responseUrl);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answer = await slack.WaitForAsync(
            s => s.ResponsesTo(responseUrl).FirstOrDefault(r => r.Text?.Contains("needs a reason", StringComparison.Ordinal) == true), Wait);
        Assert.Equal("ephemeral", answer.ResponseType);
        Assert.Contains("^[A-Z]+-\\d+", answer.Text, StringComparison.Ordinal);
        Assert.Empty(slack.MessagesIn(ApprovalChannel));
        Assert.Equal(0, aws.Calls("AssumeRole"));

        using var good = await Command(Requester, "prod-ticket OPS-7 restart", slack.NewResponseUrl());
        await slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
    }

    [Fact]
    public async Task Bad_Signature_And_Stale_Timestamp_Are_Rejected_Before_Anything_Happens()
    {
        using var forged = new HttpClient(new SlackRequestSigner("not-the-secret", time) { InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
        using var stale = new HttpClient(new SlackRequestSigner(SigningSecret, time) { ClockOffset = TimeSpan.FromMinutes(-6), InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
        var fields = SlackPayloads.SlashCommand(SlackStandIn.TeamId, Requester, "prod-readonly", slack.NewResponseUrl());

        using var forgedResponse = await forged.PostAsync(new Uri("/slack/commands", UriKind.Relative), SlackPayloads.SlashCommandForm(fields));
        using var staleResponse = await stale.PostAsync(new Uri("/slack/commands", UriKind.Relative), SlackPayloads.SlashCommandForm(fields));
        using var unsigned = await new HttpClient { BaseAddress = bot.BaseAddress }.PostAsync(new Uri("/slack/commands", UriKind.Relative), SlackPayloads.SlashCommandForm(fields));

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, staleResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(slack.Calls);
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }

    private static string Key(string user) => $"slack:{SlackStandIn.TeamId}/{user}";

    private Task<HttpResponseMessage> Command(string user, string text, Uri responseUrl) =>
        client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, user, text, responseUrl, channelId: "C0GENERAL")));

    private async Task Click(string user, string action, string requestId, Uri responseUrl)
    {
        using var response = await client.PostAsync(
            new Uri("/slack/interactivity", UriKind.Relative),
            SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, Names[user], action, requestId, responseUrl, ApprovalChannel)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<SlackResponsePost> FirstResponse(Uri responseUrl) =>
        slack.WaitForAsync(s => s.ResponsesTo(responseUrl) is [var first, ..] ? first : null, Wait);


    private static Uri LinkIn(SlackPostedMessage message) => Assert.Single(SigninLinks.In(message.Blocks));

    private static string ButtonValue(SlackPostedMessage prompt) =>
        JsonDocument.Parse(prompt.Blocks!.ToJsonString()).RootElement.EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions")
            .GetProperty("elements")[0].GetProperty("value").GetString()!;

    private void AssertNoLinkOutsideTheDm(string requester)
    {
        var dm = SlackStandIn.DirectMessageChannel(requester);
        Assert.All(slack.Messages.Where(m => m.Channel != dm), m => Assert.DoesNotContain("federation", m.Rendered, StringComparison.Ordinal));
        Assert.All(slack.ResponsePosts, p => Assert.DoesNotContain("federation", p.Body.ToJsonString(), StringComparison.Ordinal));
    }
}
