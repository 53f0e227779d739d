using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.EndToEndTests.Slack.Directories;
using ChatOpsSignin.StandIns.Slack;
using static ChatOpsSignin.EndToEndTests.Slack.Directories.SlackRig;

namespace ChatOpsSignin.EndToEndTests.Revoke;

/// <summary>Click-through mode: a revoke before the click cancels the unused <c>/go</c> link; opening it shows the "revoked" page.</summary>
[Trait("Category", "EndToEnd")]
public sealed partial class SlackRevokeClickThroughTests : IAsyncLifetime
{
    private const string Requester = "U0REQUESTER";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";

    private SlackRig rig = null!;

    public async Task InitializeAsync() => rig = await SlackRig.StartAsync(
        new Dictionary<string, string> { [Requester] = "road.runner" },
        new Dictionary<string, string?>
        {
            ["Profiles:ops:RoleArn"] = Role,
            ["Profiles:ops:Allow:0"] = Key(Requester),
        },
        _ => { },
        role: Role,
        awsOnBotClock: true,
        publicLinks: true);

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task A_Go_Link_Revoked_Before_Its_Click_Gets_The_Revoked_Page_And_Issues_Nothing()
    {
        var id = RequestIdIn(await CommandTextAsync("ops"));
        var dm = await rig.Slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        var go = new Uri(Assert.Single(GoLink().Matches(dm.BlocksJson)).Value);
        await rig.Bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);

        var reply = await CommandTextAsync($"revoke {id}");
        Assert.Contains("not opened yet", reply, StringComparison.Ordinal);
        var revoked = await rig.Bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal("link_cancelled", revoked.Code);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(go);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("revoked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Action=login", page, StringComparison.Ordinal);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
        Assert.Equal(0, rig.Aws.Calls("PutRolePolicy"));
    }

    private async Task<string> CommandTextAsync(string text)
    {
        using var ack = await rig.Client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, Requester, text, rig.Slack.NewResponseUrl(), channelId: "C0GENERAL")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("text").GetString()!;
    }

    private static string RequestIdIn(string text) => RequestId().Match(text).Value;


    [GeneratedRegex("req_[0-9a-f]{24}")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/go/[A-Za-z0-9_-]{43}")]
    private static partial Regex GoLink();
}
