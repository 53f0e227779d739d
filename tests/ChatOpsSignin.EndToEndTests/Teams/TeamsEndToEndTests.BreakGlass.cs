using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Teams;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>
/// Break-glass on Teams: the link in the requester's 1:1 chat only, the announcement card and its review reply in the
/// approval conversation, Acknowledge (Action.Execute) recorded once and shown on the card; no link for anyone else.
/// </summary>
public sealed partial class TeamsEndToEndTests
{
    [Fact]
    public async Task A_Break_Glass_Gets_The_Link_Privately_The_Approvers_Are_Told_And_The_First_Acknowledge_Is_Shown()
    {
        using var ask = await PostAsync(Message(Dave, TeamChannel, "<at>ChatOpsSignin</at> break-glass prod INC-7 database down"));
        Assert.True(ask.IsSuccessStatusCode, ask.StatusCode.ToString());

        var personal = BotConnectorStandIn.PersonalConversationId(Dave);
        var card = await WaitForAsync(a => a.ConversationId == personal && a.Json.Contains("Action=login", StringComparison.Ordinal));
        var login = await ConsoleBrowser.SignInAsync(aws, Assert.Single(SigninLinks.In(card.Body)));
        Assert.Equal("arn:aws:iam::111122223333:role/Prod", login.RoleArn);
        Assert.Equal("true", login.Tags["chat-break-glass"]);
        Assert.Equal(Key(Dave), login.Tags["chat-user"]);
        var announcement = Assert.Single(connector.Activities, a => a.ConversationId == ApprovalChannel && a.Json.Contains("BREAK-GLASS", StringComparison.Ordinal) && a.Method == "POST");
        Assert.Contains("dave@contoso.example", announcement.Json, StringComparison.Ordinal);
        Assert.Contains("INC-7 database down", announcement.Json, StringComparison.Ordinal);
        Assert.Contains("Session ends", announcement.Json, StringComparison.Ordinal);
        Assert.Contains("Acknowledge", announcement.Json, StringComparison.Ordinal);
        var review = Assert.Single(connector.Activities, a => a.ConversationId == ApprovalChannel && a.Text?.Contains("please review", StringComparison.Ordinal) == true);
        Assert.Equal(announcement.ActivityId, review.ReplyToId);
        var requestId = RequestIdPattern().Match(announcement.Json).Value;

        Assert.Contains("own break-glass", await ClickAsync(Dave, requestId, "acknowledge"), StringComparison.Ordinal);
        Assert.Contains("not an approver", await ClickAsync(Mallory, requestId, "acknowledge"), StringComparison.Ordinal);
        Assert.Contains("Acknowledged by Bob", await ClickAsync(Bob, requestId, "acknowledge"), StringComparison.Ordinal);
        Assert.Contains("Already acknowledged by Bob", await ClickAsync(Carol, requestId, "acknowledge"), StringComparison.Ordinal);

        Assert.Equal(Key(Bob), (await bot.WaitForAuditAsync(AuditEventType.BreakGlassAcknowledged, Wait)).Actor);
        Assert.Equal(1, aws.Calls("AssumeRole"));
        Assert.All(connector.Activities.Where(a => a.ConversationId != personal), a => Assert.DoesNotContain("Action=login", a.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_Not_In_Break_Glass_Allow_Is_Refused_On_Teams_And_Gets_No_Link()
    {
        using var ask = await PostAsync(Message(Alice, TeamChannel, "<at>ChatOpsSignin</at> break-glass prod INC-9 just because"));

        var personal = BotConnectorStandIn.PersonalConversationId(Alice);
        var refusal = await WaitForAsync(a => a.ConversationId == personal && a.Json.Contains("BreakGlass:Allow", StringComparison.Ordinal));
        Assert.DoesNotContain("Action=login", refusal.Json, StringComparison.Ordinal);
        Assert.Equal("break_glass_not_allowed", (await bot.WaitForAuditAsync(AuditEventType.BreakGlassRefused, Wait)).Code);
        Assert.DoesNotContain(connector.Activities, a => a.ConversationId == ApprovalChannel);
        Assert.DoesNotContain(connector.Activities, a => a.Json.Contains("Action=login", StringComparison.Ordinal));
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }
}
