using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Teams;

namespace ChatOpsSignin.EndToEndTests.Revoke;

/// <summary>
/// Revoke from Teams with authentication on, over loopback: the requester's <c>revoke</c> command and an approver's
/// Revoke button (Action.Execute) end that session at the AWS stand-in while a colleague's session of the same role
/// still signs in; a stranger is refused and audited.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class TeamsRevokeTests : IAsyncLifetime
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07a";
    private const string AppPassword = "e2e-app-password";
    private const string Tenant = "tenant-e2e";
    private const string ApprovalChannel = "19:approvals@thread.tacv2";
    private const string TeamChannel = "19:ops@thread.tacv2;messageid=1700000000000";
    private const string Role = "arn:aws:iam::111122223333:role/Dev";
    private static readonly ConnectorMember Alice = new("29:alice", "Alice", "aad-alice", "alice@contoso.example", null);
    private static readonly ConnectorMember Bob = new("29:bob", "Bob", "aad-bob", "bob@contoso.example", null);
    private static readonly ConnectorMember Carol = new("29:carol", "Carol", "aad-carol", "carol@contoso.example", null);
    private static readonly ConnectorMember Mallory = new("29:mallory", "Mallory", "aad-mallory", "mallory@contoso.example", null);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly HttpClient http = new();
    private AwsStandIn aws = null!;
    private BotFrameworkIdentityStandIn identity = null!;
    private BotConnectorStandIn connector = null!;
    private BotHost bot = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        identity = await BotFrameworkIdentityStandIn.StartAsync();
        identity.RegisterClient(AppId, AppPassword);
        connector = await BotConnectorStandIn.StartAsync(identity);
        foreach (var member in new[] { Alice, Bob, Carol, Mallory })
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
            ["Profiles:dev:RoleArn"] = Role,
            ["Profiles:dev:Allow:0"] = Key(Alice),
            ["Profiles:dev:Allow:1"] = Key(Bob),
            ["Profiles:prod:RoleArn"] = Role,
            ["Profiles:prod:Allow:0"] = Key(Alice),
            ["Profiles:prod:Approval:Approvers:0"] = Key(Carol),
            ["Profiles:prod:Approval:TeamsChannel"] = ApprovalChannel,
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
    public async Task The_Requester_Revokes_By_Command_And_Only_That_Session_Stops_While_A_Stranger_Is_Refused()
    {
        var (id, aliceLink) = await RequestLinkAsync(Alice, "dev");
        var (_, bobLink) = await RequestLinkAsync(Bob, "dev");
        await Task.Delay(TimeSpan.FromMilliseconds(1100)); // the Deny names whole seconds; Bob's session stays older than nothing

        using (var refused = await PostAsync(Message(Mallory, TeamChannel, $"<at>ChatOpsSignin</at> revoke {id}")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        await WaitForAsync(a => a.ConversationId == TeamChannel && a.Json.Contains("You may not revoke", StringComparison.Ordinal));
        var refusal = await bot.WaitForAuditAsync(AuditEventType.RevokeRefused, Wait);
        Assert.Equal((Key(Mallory), "not_permitted"), (refusal.Actor, refusal.Code));
        Assert.Empty(aws.RolePolicies("Dev"));

        using (var revoke = await PostAsync(Message(Alice, TeamChannel, $"<at>ChatOpsSignin</at> revoke {id}")))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await WaitForAsync(a => a.ConversationId == TeamChannel && a.Json.Contains("IAM can take a few minutes", StringComparison.Ordinal));
        var revoked = await bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal((id, Key(Alice)), (revoked.RequestId.Value, revoked.Actor));
        await WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(Alice) && a.Json.Contains("revoked your console session", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(aliceLink));
        Assert.Equal(HttpStatusCode.Redirect, await OpenAsync(bobLink));
    }

    [Fact]
    public async Task An_Approver_Revokes_With_The_Revoke_Button_On_The_Approved_Card()
    {
        using (var ask = await PostAsync(Message(Alice, TeamChannel, "<at>ChatOpsSignin</at> console prod INC-9")))
        {
            Assert.True(ask.IsSuccessStatusCode);
        }

        var prompt = await WaitForAsync(a => a.ConversationId == ApprovalChannel && a.Json.Contains("Approve", StringComparison.Ordinal));
        var id = RequestIdPattern().Match(prompt.Json).Value;
        Assert.Contains("Approved by Carol", await ClickAsync(Carol, "approve", id), StringComparison.Ordinal);
        var card = await WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(Alice) && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var link = Assert.Single(SigninLinks.In(card.Body));
        Assert.Contains("\"verb\":\"revoke\"", card.Json, StringComparison.Ordinal);
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        var answer = await ClickAsync(Carol, "revoke", id);

        Assert.Contains("IAM can take a few minutes", answer, StringComparison.Ordinal);
        Assert.Contains("application/vnd.microsoft.activity.message", answer, StringComparison.Ordinal);
        var revoked = await bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal((id, Key(Carol)), (revoked.RequestId.Value, revoked.Actor));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(link));
    }

    private async Task<(string Id, Uri Link)> RequestLinkAsync(ConnectorMember user, string profile)
    {
        using (var ask = await PostAsync(Message(user, TeamChannel, $"<at>ChatOpsSignin</at> console {profile}")))
        {
            Assert.True(ask.IsSuccessStatusCode, ask.StatusCode.ToString());
        }

        var card = await WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(user) && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var id = RequestIdPattern().Match(card.Json).Value;
        await bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        return (id, Assert.Single(SigninLinks.In(card.Body)));
    }

    private static async Task<HttpStatusCode> OpenAsync(Uri link)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(link);
        return response.StatusCode;
    }

    private static string Key(ConnectorMember member) => $"teams:{Tenant}/{member.AadObjectId}";

    private JsonObject Message(ConnectorMember from, string conversationId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["conversation"] = new JsonObject
        {
            ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Tenant, ["id"] = conversationId,
        },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "ChatOpsSignin" },
        ["text"] = text,
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>ChatOpsSignin</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "ChatOpsSignin" },
        }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    private async Task<string> ClickAsync(ConnectorMember clicker, string verb, string requestId)
    {
        var invoke = Message(clicker, ApprovalChannel, string.Empty);
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["requestId"] = requestId } },
            ["trigger"] = "manual",
        };
        using var response = await PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.BaseAddress, "/api/messages"))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.MintChannelToken(AppId, connector.ServiceUrl));
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
