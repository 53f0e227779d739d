using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.EndToEndTests.Slack.Directories;
using ChatOpsSignin.StandIns.Slack;
using static ChatOpsSignin.EndToEndTests.Slack.Directories.SlackRig;

namespace ChatOpsSignin.EndToEndTests.Revoke;

/// <summary>
/// Revoke from Slack over loopback: the requester's command and an approver's Revoke button put a Deny for that one
/// session on the role at the IAM stand-in, whose federation endpoint then refuses that session while another user's
/// session of the same role still signs in; a stranger is refused; the statement goes once the session has ended.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class SlackRevokeTests : IAsyncLifetime
{
    private const string Requester = "U0REQUESTER";
    private const string Colleague = "U0COLLEAGUE";
    private const string Lead = "U0LEAD";
    private const string Stranger = "U0STRANGER";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";

    private static readonly Dictionary<string, string> Names = new()
    {
        [Requester] = "road.runner",
        [Colleague] = "daffy",
        [Lead] = "wile.e",
        [Stranger] = "elmer",
    };

    private SlackRig rig = null!;

    // The bot signs IAM calls with its (fake) clock and the AWS stand-in checks them against the same clock.
    public async Task InitializeAsync() => rig = await SlackRig.StartAsync(
        Names,
        new Dictionary<string, string?>
        {
            ["Profiles:ops:RoleArn"] = Role,
            ["Profiles:ops:Allow:0"] = Key(Requester),
            ["Profiles:ops:Allow:1"] = Key(Colleague),
            ["Profiles:gated:RoleArn"] = Role,
            ["Profiles:gated:Allow:0"] = Key(Requester),
            ["Profiles:gated:Approval:Approvers:0"] = Key(Lead),
            ["Profiles:gated:Approval:SlackChannel"] = ApprovalChannel,
        },
        _ => { },
        role: Role,
        awsOnBotClock: true);

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task The_Requester_Revokes_Their_Session_Only_And_The_Statement_Is_Removed_When_The_Session_Has_Ended()
    {
        var (mine, myLink) = await RequestLinkAsync(Requester, "ops");
        var (_, colleaguesLink) = await RequestLinkAsync(Colleague, "ops");
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        var reply = await CommandTextAsync(Requester, $"revoke {mine}");

        Assert.Contains("IAM can take a few minutes", reply, StringComparison.Ordinal);
        var revoked = await rig.Bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal(mine, revoked.RequestId.Value);
        Assert.Equal(Key(Requester), revoked.Actor);
        Assert.Null(revoked.Code);
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(myLink));
        Assert.Equal(HttpStatusCode.Redirect, await OpenAsync(colleaguesLink));
        var notice = await rig.Slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)).FirstOrDefault(m => m.Rendered.Contains("road.runner revoked your console session", StringComparison.Ordinal)), Wait);
        Assert.Contains("IAM can take a few minutes", notice.Rendered, StringComparison.Ordinal);
        Assert.Single(rig.Aws.RolePolicies("ReadOnly"));

        rig.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(rig.Aws.RolePolicies("ReadOnly"));

        rig.Time.Advance(TimeSpan.FromMinutes(10));
        var removed = await rig.Bot.WaitForAuditAsync(AuditEventType.RevocationRemoved, Wait);
        Assert.Equal(mine, removed.RequestId.Value);
        Assert.Empty(rig.Aws.RolePolicies("ReadOnly"));
    }

    [Fact]
    public async Task An_Approver_Revokes_With_The_Button_And_A_Stranger_Is_Refused()
    {
        var responseUrl = rig.Slack.NewResponseUrl();
        using (var ack = await Command(Requester, "gated INC-7", responseUrl))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var prompt = await rig.Slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);
        var id = RequestIdIn(prompt.Rendered);
        await Click(Lead, "approve", id, rig.Slack.NewResponseUrl());
        var dm = await rig.Slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)).FirstOrDefault(m => SigninLinks.In(m.Blocks).Count > 0), Wait);
        var link = Assert.Single(SigninLinks.In(dm.Blocks));
        Assert.Contains("revoke_session", dm.BlocksJson, StringComparison.Ordinal);
        await rig.Bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        await rig.Slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel).FirstOrDefault(m => m.BlocksJson.Contains("revoke_session", StringComparison.Ordinal)), Wait);
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        var refused = await CommandTextAsync(Stranger, $"revoke {id}");
        Assert.Contains("You may not revoke", refused, StringComparison.Ordinal);
        var refusal = await rig.Bot.WaitForAuditAsync(AuditEventType.RevokeRefused, Wait);
        Assert.Equal((Key(Stranger), "not_permitted"), (refusal.Actor, refusal.Code));
        Assert.Empty(rig.Aws.RolePolicies("ReadOnly"));

        var clickUrl = rig.Slack.NewResponseUrl();
        await Click(Lead, "revoke_session", id, clickUrl);
        var answer = await rig.Slack.WaitForAsync(s => s.ResponsesTo(clickUrl) is [var first, ..] ? first : null, Wait);
        Assert.Contains("IAM can take a few minutes", answer.Text, StringComparison.Ordinal);
        var revoked = await rig.Bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal((id, Key(Lead)), (revoked.RequestId.Value, revoked.Actor));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(link));
        await rig.Slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)).FirstOrDefault(m => m.Rendered.Contains("wile.e revoked", StringComparison.Ordinal)), Wait);

        var again = await CommandTextAsync(Requester, $"revoke {id}");
        Assert.Contains("already revoked", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Unknown_Request_Id_Revokes_Nothing()
    {
        var reply = await CommandTextAsync(Requester, "revoke req_00112233445566778899aabb");

        Assert.Contains("no issued sign-in", reply, StringComparison.Ordinal);
        Assert.Equal(0, rig.Aws.Calls("PutRolePolicy"));
    }

    private async Task<(string Id, Uri Link)> RequestLinkAsync(string user, string text)
    {
        var reply = await CommandTextAsync(user, text);
        var id = RequestIdIn(reply);
        var dm = await rig.Slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(user)) is [var m, ..] ? m : null, Wait);
        await rig.Bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        return (id, Assert.Single(SigninLinks.In(dm.Blocks)));
    }

    private async Task<string> CommandTextAsync(string user, string text)
    {
        using var ack = await Command(user, text, rig.Slack.NewResponseUrl());
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("text").GetString()!;
    }

    private Task<HttpResponseMessage> Command(string user, string text, Uri responseUrl) =>
        rig.Client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, user, text, responseUrl, userName: Names[user], channelId: "C0GENERAL")));

    private async Task Click(string user, string action, string requestId, Uri responseUrl)
    {
        using var response = await rig.Client.PostAsync(
            new Uri("/slack/interactivity", UriKind.Relative),
            SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, Names[user], action, requestId, responseUrl, ApprovalChannel)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Opens the sign-in link like a browser: 302 when the federation endpoint lets the session in.</summary>
    private static async Task<HttpStatusCode> OpenAsync(Uri link)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(link);
        return response.StatusCode;
    }

    private static string RequestIdIn(string text) => RequestId().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No request id in: " + text);

    [GeneratedRegex("req_[0-9a-f]{24}")]
    private static partial Regex RequestId();
}
