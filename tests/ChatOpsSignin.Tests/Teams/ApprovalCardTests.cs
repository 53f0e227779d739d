using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Identity;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>The Teams approval card's mentions, quorum line and reuse-window button.</summary>
public sealed class ApprovalCardTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static TeamsPerson Person(string name) => new(new ChatUser(ChatUserId.Teams("t", "aad-" + name), string.Empty), "29:" + name, name);

    [Fact]
    public void Every_Mention_In_The_Text_Has_Its_Entity_And_Only_Notify_Is_Pinged()
    {
        var pending = RecordingBroker.Pending("req_abc", TestLinks.Alice, At) with { Required = 2 };

        var card = ApprovalCard.Prompt(pending, notify: [Person("Bob"), Person("Carol")], mayDecide: [Person("Dave")]);

        var entities = card["msteams"]!["entities"]!.AsArray();
        Assert.Equal(["<at>Bob</at>", "<at>Carol</at>"], entities.Select(e => e!["text"]!.GetValue<string>()));
        Assert.Equal(["29:Bob", "29:Carol"], entities.Select(e => e!["mentioned"]!["id"]!.GetValue<string>()));
        var json = card.ToJsonString();
        Assert.Contains("0 of 2: no approvals yet. Still may decide: Dave.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>Dave</at>", System.Text.RegularExpressions.Regex.Unescape(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Prompt_Without_Anyone_To_Notify_Has_No_Mention_Entities()
    {
        var card = ApprovalCard.Prompt(RecordingBroker.Pending("req_abc", TestLinks.Alice, At), notify: []);

        Assert.Null(card["msteams"]);
    }

    [Fact]
    public void An_Approved_Card_Offers_Revoke_And_To_End_An_Open_Reuse_Window_Only_While_One_Is_Open()
    {
        var approved = RecordingBroker.Pending("req_abc", TestLinks.Alice, At) with { State = ApprovalState.Approved, DecidedBy = TestLinks.Alice, DecidedAt = At };

        var open = ApprovalCard.Decided(approved with { ReuseUntil = At.AddHours(1) });
        var closed = ApprovalCard.Decided(approved);

        static string[] Verbs(System.Text.Json.Nodes.JsonObject card) => card["actions"]!.AsArray().Select(a => a!["verb"]!.GetValue<string>()).ToArray();
        Assert.Equal([ApprovalCard.Revoke, ApprovalCard.EndReuse], Verbs(open));
        Assert.Equal("""{"requestId":"req_abc"}""", open["actions"]![1]!["data"]!.ToJsonString());
        Assert.Contains("without asking until 2026-11-23 10:00 UTC", open.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal([ApprovalCard.Revoke], Verbs(closed));
    }
}
