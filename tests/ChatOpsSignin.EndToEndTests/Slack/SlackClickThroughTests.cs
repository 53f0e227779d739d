using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Slack;

/// <summary>
/// Links:PublicBaseUrl over loopback: the DM carries only <c>{PublicBaseUrl}go/&lt;id&gt;</c>; opening it makes the
/// credentials and answers 302 to the AWS stand-in's login; a second open, or one after the allow-list changed, gets a page.
/// </summary>
public sealed partial class SlackClickThroughTests : IAsyncLifetime
{
    private const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    private const string Requester = "U0REQUESTER";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private readonly int port = LoopbackPorts.Free();
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-go-").FullName;
    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        slack = await SlackStandIn.StartAsync(time);
        slack.AddUser(Requester, "road.runner");
        bot = StartBot(Key(Requester));
        client = new HttpClient(new SlackRequestSigner(SigningSecret, time) { InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        await aws.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_Go_Link_Signs_In_Once_And_Its_Second_Use_Gets_The_Already_Used_Page()
    {
        var go = await RequestGoLinkAsync("ops -s ec2 INC-9");
        Assert.Equal(0, aws.Calls("AssumeRole"));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("E2E-Browser/1.0");

        using var first = await browser.GetAsync(go);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var login = await ConsoleBrowser.SignInAsync(aws, first.Headers.Location!);
        Assert.Equal(Role, login.RoleArn);
        Assert.Equal("https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1", login.Destination);
        Assert.Equal(1, aws.Calls("AssumeRole"));

        using var second = await browser.GetAsync(go);
        var page = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("already been used", page, StringComparison.Ordinal);
        AssertNoAwsUrl(page);
        Assert.Equal(1, aws.Calls("AssumeRole"));

        var opened = await bot.WaitForAuditAsync(AuditEventType.LinkOpened, Wait);
        Assert.Contains("127.0.0.1", opened.Reason, StringComparison.Ordinal);
        Assert.Contains("E2E-Browser/1.0", opened.Reason, StringComparison.Ordinal);
        AssertNoAwsUrlAnywhere();
    }

    [Fact]
    public async Task A_Requester_Removed_From_The_Allow_List_Before_Clicking_Gets_The_Refusal_Page()
    {
        var go = await RequestGoLinkAsync("ops");
        await bot.DisposeAsync();
        bot = StartBot("slack:T0OTHER/U0SOMEONE");

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(go);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no longer", page, StringComparison.Ordinal);
        AssertNoAwsUrl(page);
        Assert.Equal(0, aws.Calls("AssumeRole"));
        Assert.Empty(aws.Logins);
    }

    [Fact]
    public async Task An_Unknown_Or_Expired_Link_Gets_A_Page_Without_Aws()
    {
        var go = await RequestGoLinkAsync("ops");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var unknown = await browser.GetAsync(new Uri(bot.BaseAddress, "/go/" + new string('A', 43)));
        time.Advance(TimeSpan.FromMinutes(16));
        using var expired = await browser.GetAsync(go);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }

    private BotHost StartBot(string allowed)
    {
        var host = new BotHost(
            aws,
            time,
            new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = SlackStandIn.BotToken,
                ["Slack:SigningSecret"] = SigningSecret,
                ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
                ["Links:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
                ["Profiles:ops:RoleArn"] = Role,
                ["Profiles:ops:Region"] = "eu-west-1",
                ["Profiles:ops:Destination"] = "cloudwatch",
                ["Profiles:ops:Allow:0"] = allowed,
            },
            port,
            Path.Combine(folder, "bot.db"));
        host.StartServer();
        return host;
    }

    private async Task<Uri> RequestGoLinkAsync(string text)
    {
        using var ack = await client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, Requester, text, slack.NewResponseUrl(), channelId: "C0GENERAL")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var dm = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, Wait);
        var json = dm.Blocks!.ToJsonString();
        AssertNoAwsUrl(json + dm.Rendered);
        return new Uri(Assert.Single(GoLink().Matches(json)).Value);
    }

    private void AssertNoAwsUrlAnywhere()
    {
        Assert.All(slack.Messages, m => AssertNoAwsUrl(m.Rendered + m.Blocks?.ToJsonString()));
        Assert.All(slack.ResponsePosts, p => AssertNoAwsUrl(p.Body.ToJsonString()));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(bot.DatabasePath)!))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            AssertNoAwsUrl(reader.ReadToEnd());
        }
    }

    private void AssertNoAwsUrl(string text)
    {
        Assert.DoesNotContain("SigninToken", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Action=login", text, StringComparison.Ordinal);
        Assert.DoesNotContain(aws.FederationUrl.Authority, text, StringComparison.Ordinal);
    }

    private static string Key(string user) => $"slack:{SlackStandIn.TeamId}/{user}";


    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/go/[A-Za-z0-9_-]{43}")]
    private static partial Regex GoLink();
}
