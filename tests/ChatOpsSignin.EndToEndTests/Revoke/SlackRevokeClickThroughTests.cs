using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Revoke;

/// <summary>Click-through mode: a revoke before the click cancels the unused <c>/go</c> link; opening it shows the "revoked" page.</summary>
[Trait("Category", "EndToEnd")]
public sealed partial class SlackRevokeClickThroughTests : IAsyncLifetime
{
    private const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    private const string Requester = "U0REQUESTER";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync(time);
        aws.AddRole(Role);
        slack = await SlackStandIn.StartAsync(time);
        slack.AddUser(Requester, "road.runner");
        var port = FreePort();
        bot = new BotHost(
            aws,
            time,
            new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = SlackStandIn.BotToken,
                ["Slack:SigningSecret"] = SigningSecret,
                ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
                ["Links:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
                ["Profiles:ops:RoleArn"] = Role,
                ["Profiles:ops:Allow:0"] = $"slack:{SlackStandIn.TeamId}/{Requester}",
            },
            port);
        bot.StartServer();
        client = new HttpClient(new SlackRequestSigner(SigningSecret, time) { InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task A_Go_Link_Revoked_Before_Its_Click_Gets_The_Revoked_Page_And_Issues_Nothing()
    {
        var id = RequestIdIn(await CommandTextAsync("ops"));
        var dm = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        var go = new Uri(Assert.Single(GoLink().Matches(dm.BlocksJson)).Value);
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);

        var reply = await CommandTextAsync($"revoke {id}");
        Assert.Contains("not opened yet", reply, StringComparison.Ordinal);
        var revoked = await bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal("link_cancelled", revoked.Code);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(go);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("revoked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Action=login", page, StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));
        Assert.Equal(0, aws.Calls("PutRolePolicy"));
    }

    private async Task<string> CommandTextAsync(string text)
    {
        using var ack = await client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, Requester, text, slack.NewResponseUrl(), channelId: "C0GENERAL")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("text").GetString()!;
    }

    private static string RequestIdIn(string text) => RequestId().Match(text).Value;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("req_[0-9a-f]{24}")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/go/[A-Za-z0-9_-]{43}")]
    private static partial Regex GoLink();
}
