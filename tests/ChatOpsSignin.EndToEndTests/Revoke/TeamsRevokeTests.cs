using System.Net;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.EndToEndTests.Teams;
using ChatOpsSignin.StandIns.Teams;
using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Revoke;

/// <summary>
/// Revoke from Teams with authentication on, over loopback: the requester's <c>revoke</c> command and an approver's
/// Revoke button (Action.Execute) end that session at the AWS stand-in while a colleague's session of the same role
/// still signs in; a stranger is refused and audited.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsRevokeTests : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::111122223333:role/Dev";

    private TeamsRig rig = null!;

    // The Deny compares session issue times on the bot's clock, so the AWS stand-in keeps that clock too.
    public async Task InitializeAsync() => rig = await StartAsync(
        new Dictionary<string, string?>
        {
            ["Profiles:dev:RoleArn"] = Role,
            ["Profiles:dev:Allow:0"] = Key(Alice),
            ["Profiles:dev:Allow:1"] = Key(Bob),
            ["Profiles:prod:RoleArn"] = Role,
            ["Profiles:prod:Allow:0"] = Key(Alice),
            ["Profiles:prod:Approval:Approvers:0"] = Key(Carol),
            ["Profiles:prod:Approval:TeamsChannel"] = ApprovalChannel,
        },
        role: Role,
        awsOnBotClock: true);

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task The_Requester_Revokes_By_Command_And_Only_That_Session_Stops_While_A_Stranger_Is_Refused()
    {
        var (id, aliceLink) = await RequestLinkAsync(Alice, "dev");
        var (_, bobLink) = await RequestLinkAsync(Bob, "dev");
        rig.Time.Advance(TimeSpan.FromSeconds(3)); // the Deny names whole seconds; Bob's session stays older than nothing

        using (var refused = await rig.SendAsync(Mallory, $"revoke {id}"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        await rig.WaitForAsync(a => a.ConversationId == TeamChannel && a.Json.Contains("You may not revoke", StringComparison.Ordinal));
        var refusal = await rig.Bot.WaitForAuditAsync(AuditEventType.RevokeRefused, Wait);
        Assert.Equal((Key(Mallory), "not_permitted"), (refusal.Actor, refusal.Code));
        Assert.Empty(rig.Aws.RolePolicies("Dev"));

        using (var revoke = await rig.SendAsync(Alice, $"revoke {id}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await rig.WaitForAsync(a => a.ConversationId == TeamChannel && a.Json.Contains("IAM can take a few minutes", StringComparison.Ordinal));
        var revoked = await rig.Bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal((id, Key(Alice)), (revoked.RequestId.Value, revoked.Actor));
        await rig.WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(Alice) && a.Json.Contains("revoked your console session", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(aliceLink));
        Assert.Equal(HttpStatusCode.Redirect, await OpenAsync(bobLink));
    }

    [Fact]
    public async Task An_Approver_Revokes_With_The_Revoke_Button_On_The_Approved_Card()
    {
        await rig.SayAsync(Alice, "console prod INC-9");

        var prompt = await rig.WaitForAsync(a => a.ConversationId == ApprovalChannel && a.Json.Contains("Approve", StringComparison.Ordinal));
        var id = RequestIdIn(prompt);
        Assert.Contains("Approved by Carol", await rig.ClickAsync(Carol, "approve", id), StringComparison.Ordinal);
        var card = await rig.WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(Alice) && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var link = Assert.Single(SigninLinks.In(card.Body));
        Assert.Contains("\"verb\":\"revoke\"", card.Json, StringComparison.Ordinal);
        await rig.Bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        var answer = await rig.ClickAsync(Carol, "revoke", id);

        Assert.Contains("IAM can take a few minutes", answer, StringComparison.Ordinal);
        Assert.Contains("application/vnd.microsoft.activity.message", answer, StringComparison.Ordinal);
        var revoked = await rig.Bot.WaitForAuditAsync(AuditEventType.SessionRevoked, Wait);
        Assert.Equal((id, Key(Carol)), (revoked.RequestId.Value, revoked.Actor));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(link));
    }

    private async Task<(string Id, Uri Link)> RequestLinkAsync(ConnectorMember user, string profile)
    {
        await rig.SayAsync(user, $"console {profile}");
        var card = await rig.WaitForAsync(a => a.ConversationId == BotConnectorStandIn.PersonalConversationId(user) && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var id = RequestIdIn(card);
        await rig.Bot.WaitForAuditAsync(AuditEventType.LinkDelivered, id, Wait);
        return (id, Assert.Single(SigninLinks.In(card.Body)));
    }

    private static async Task<HttpStatusCode> OpenAsync(Uri link)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(link);
        return response.StatusCode;
    }
}
