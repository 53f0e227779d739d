using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Teams;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>
/// Teams with authentication on, over loopback: activities signed with Bot Framework JWTs from the identity stand-in,
/// the real bot on Kestrel, the Bot Connector stand-in (which wants the bot's client-credentials token), and the AWS
/// stand-in that the delivered link must sign in to.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class TeamsEndToEndTests : IAsyncLifetime
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07a";
    private const string AppPassword = "e2e-app-password";
    private const string Tenant = "tenant-e2e";
    private const string ApprovalChannel = "19:approvals@thread.tacv2";
    private const string TeamChannel = "19:ops@thread.tacv2;messageid=1700000000000";
    private static readonly ConnectorMember Alice = new("29:alice", "Alice", "aad-alice", "alice@contoso.example", null);
    private static readonly ConnectorMember Bob = new("29:bob", "Bob", "aad-bob", "bob@contoso.example", null);
    private static readonly ConnectorMember Carol = new("29:carol", "Carol", "aad-carol", "carol@contoso.example", null);
    private static readonly ConnectorMember Mallory = new("29:mallory", "Mallory", "aad-mallory", "mallory@contoso.example", null);
    private static readonly ConnectorMember Dave = new("29:dave", "Dave", "aad-dave", "dave@contoso.example", null);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly HttpClient http = new();
    private AwsStandIn aws = null!;
    private BotFrameworkIdentityStandIn identity = null!;
    private BotConnectorStandIn connector = null!;
    private BotHost bot = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole("arn:aws:iam::111122223333:role/Dev");
        aws.AddRole("arn:aws:iam::111122223333:role/Prod");
        identity = await BotFrameworkIdentityStandIn.StartAsync();
        identity.RegisterClient(AppId, AppPassword);
        connector = await BotConnectorStandIn.StartAsync(identity);
        foreach (var member in new[] { Alice, Bob, Carol, Mallory, Dave })
        {
            connector.AddMember(member);
        }

        bot = new BotHost(aws, TimeProvider.System, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = AppPassword,
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:TokenEndpoint"] = identity.TokenEndpoint,
            ["Teams:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Groups:leads:0"] = Key(Bob),
            ["Groups:leads:1"] = Key(Carol),
            ["Profiles:dev:RoleArn"] = "arn:aws:iam::111122223333:role/Dev",
            ["Profiles:dev:Allow:0"] = Key(Alice),
            ["Profiles:prod:RoleArn"] = "arn:aws:iam::111122223333:role/Prod",
            ["Profiles:prod:Allow:0"] = Key(Alice),
            ["Profiles:prod:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod:Approval:TeamsChannel"] = ApprovalChannel,
            ["Profiles:prod:BreakGlass:Allow:0"] = Key(Dave),
        });
        bot.StartServer();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await bot.DisposeAsync();
        await connector.DisposeAsync();
        await identity.DisposeAsync();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Request_In_A_Channel_Brings_The_Link_To_The_Requesters_1_1_Chat_Only()
    {
        using var response = await PostAsync(Message(Alice, TeamChannel, "<at>ChatOpsSignin</at> console dev checking logs"));

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        var personal = BotConnectorStandIn.PersonalConversationId(Alice);
        var card = await WaitForAsync(a => a.ConversationId == personal && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var login = await ConsoleBrowser.SignInAsync(aws, Assert.Single(SigninLinks.In(card.Body)));
        Assert.Equal("arn:aws:iam::111122223333:role/Dev", login.RoleArn);
        Assert.StartsWith("alice@contoso.example+", login.SessionName, StringComparison.Ordinal);
        Assert.Equal(Key(Alice), login.Tags["chat-user"]);
        Assert.All(connector.Activities.Where(a => a.ConversationId != personal), a => Assert.DoesNotContain("Action=login", a.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approval_With_Four_Users_Gives_One_Link_And_Tells_Each_Clicker_Why()
    {
        using var ask = await PostAsync(Message(Alice, TeamChannel, "<at>ChatOpsSignin</at> console prod INC-9"));
        var prompt = await WaitForAsync(a => a.ConversationId == ApprovalChannel && a.Json.Contains("Approve", StringComparison.Ordinal));
        var requestId = RequestIdPattern().Match(prompt.Json).Value;

        Assert.Contains("own request", await ClickAsync(Alice, requestId), StringComparison.Ordinal);
        Assert.Contains("not an approver", await ClickAsync(Mallory, requestId), StringComparison.Ordinal);
        Assert.Contains("Approved by Bob", await ClickAsync(Bob, requestId), StringComparison.Ordinal);
        Assert.Contains("Already approved by Bob", await ClickAsync(Carol, requestId), StringComparison.Ordinal);

        var personal = BotConnectorStandIn.PersonalConversationId(Alice);
        var card = await WaitForAsync(a => a.ConversationId == personal && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var login = await ConsoleBrowser.SignInAsync(aws, Assert.Single(SigninLinks.In(card.Body)));
        Assert.Equal("arn:aws:iam::111122223333:role/Prod", login.RoleArn);
        Assert.Equal(Key(Bob), login.Tags["chat-approver"]);
        Assert.Equal(1, aws.Calls("AssumeRole"));
        Assert.All(connector.Activities.Where(a => a.ConversationId != personal), a => Assert.DoesNotContain("Action=login", a.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_Action_Submit_Approval_Updates_The_Prompt_Card_Once()
    {
        using var ask = await PostAsync(Message(Alice, TeamChannel, "<at>ChatOpsSignin</at> console prod INC-10"));
        var prompt = await WaitForAsync(a => a.ConversationId == ApprovalChannel && a.Json.Contains("Approve", StringComparison.Ordinal));
        var requestId = RequestIdPattern().Match(prompt.Json).Value;

        var submit = Message(Bob, ApprovalChannel, string.Empty);
        submit["replyToId"] = prompt.ActivityId;
        submit["value"] = new JsonObject { ["requestId"] = requestId, ["verb"] = "approve" };
        using var click = await PostAsync(submit);
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);

        var personal = BotConnectorStandIn.PersonalConversationId(Alice);
        await WaitForAsync(a => a.ConversationId == personal && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var update = Assert.Single(connector.Activities, a => a.Method == "PUT" && a.ActivityId == prompt.ActivityId);
        Assert.Contains("Approved by Bob", update.Json, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<BotFrameworkIdentityStandIn, string, string>> ForgedTokens => new()
    {
        { "wrong audience", (id, url) => id.MintChannelToken("some-other-bot", url) },
        { "wrong issuer", (id, url) => id.MintChannelToken(AppId, url, issuer: "https://evil.example") },
        { "expired", (id, url) => id.MintChannelToken(AppId, url, expires: TimeProvider.System.GetUtcNow().AddMinutes(-10)) },
        { "key not endorsed for msteams", (id, url) => id.MintChannelToken(AppId, url, endorsed: false) },
        { "serviceUrl claim for another host", (id, _) => id.MintChannelToken(AppId, "https://smba.trafficmanager.net/amer/") },
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Badly_Authenticated_Activity_Gets_401_And_Nothing_Happens(string why, Func<BotFrameworkIdentityStandIn, string, string> mint)
    {
        using var response = await PostAsync(Message(Alice, TeamChannel, "console dev"), mint(identity, connector.ServiceUrl));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // anything wrongly queued would act within this time
        Assert.Empty(connector.Activities);
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }

    private static string Key(ConnectorMember member) => $"teams:{Tenant}/{member.AadObjectId}";

    private JsonObject Message(ConnectorMember from, string conversationId, string text) =>
        TeamsActivities.Message(AppId, Tenant, connector.ServiceUrl, from, conversationId, text);

    private async Task<string> ClickAsync(ConnectorMember clicker, string requestId, string verb = "approve")
    {
        using var response = await PostAsync(TeamsActivities.Execute(Message(clicker, ApprovalChannel, string.Empty), verb, requestId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.BaseAddress, "/api/messages"))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? identity.MintChannelToken(AppId, connector.ServiceUrl));
        return await http.SendAsync(request);
    }

    private async Task<RecordedActivity> WaitForAsync(Func<RecordedActivity, bool> match)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await connector.WaitForAsync(match, timeout.Token);
    }

    [GeneratedRegex("req_[0-9a-f]{24}")]
    private static partial Regex RequestIdPattern();
}
