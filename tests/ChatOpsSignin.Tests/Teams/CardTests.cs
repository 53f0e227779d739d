using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Teams.Cards;

namespace ChatOpsSignin.Tests.Teams;

public sealed class CardTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Link_Card_Has_One_Open_Url_Button_With_The_Link_And_A_Revoke_Button_With_Only_The_Request_Id()
    {
        var card = LinkCard.For(TestLinks.Delivery(TestLinks.Request("{}", At), At));

        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        var action = Assert.Single(actions, a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        var revoke = actions[1]!;
        Assert.Equal(("Action.Execute", "revoke"), (revoke["type"]!.GetValue<string>(), revoke["verb"]!.GetValue<string>()));
        Assert.DoesNotContain("http", revoke.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("Action.OpenUrl", "Open AWS console", TestLinks.SecretUrl),
            (action["type"]!.GetValue<string>(), action["title"]!.GetValue<string>(), action["url"]!.GetValue<string>()));
        Assert.Contains("2026-11-23 09:15 UTC", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("2026-11-23 10:00 UTC", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::111122223333:role/ReadOnly", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_Other_Card_Or_Notice_Holds_A_Url()
    {
        var pending = RecordingBroker.Pending("req_abc", TestLinks.Alice, At);
        var rendered = new[]
        {
            LinkCard.Expired("prod-readonly", At).ToJsonString(),
            ApprovalCard.Prompt(pending).ToJsonString(),
            ApprovalCard.Decided(pending with { State = ApprovalState.Approved, DecidedBy = TestLinks.Alice }).ToJsonString(),
            ApprovalCard.Decided(pending with { State = ApprovalState.Expired }).ToJsonString(),
            NoticeText.For(new RequesterNotice.LinkSentPrivately("prod-readonly")),
            NoticeText.For(new RequesterNotice.AwaitingApproval("prod-admin", At)),
            NoticeText.For(new RequesterNotice.Refused(SigninFailure.Of("x", "no"))),
            NoticeText.ForChannel(new RequesterNotice.LinkSentPrivately("prod-readonly"))!,
        };

        Assert.All(rendered, text => Assert.DoesNotContain("http", text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Approval_Buttons_Carry_Only_The_Request_Id()
    {
        var card = ApprovalCard.Prompt(RecordingBroker.Pending("req_abc", TestLinks.Alice, At));

        foreach (var action in card["actions"]!.AsArray())
        {
            Assert.Equal("""{"requestId":"req_abc"}""", action!["data"]!.ToJsonString());
            Assert.Equal("Action.Submit", action["fallback"]!["type"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Channel_Hears_Nothing_About_Refusals()
    {
        Assert.Null(NoticeText.ForChannel(new RequesterNotice.Refused(SigninFailure.Of("not_allowed", "You are not on the allow-list."))));
        Assert.Null(NoticeText.ForChannel(new RequesterNotice.Decided(ApprovalState.Denied, TestLinks.Alice)));
    }
}
