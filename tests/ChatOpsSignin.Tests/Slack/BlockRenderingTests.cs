using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Tests.Slack;

public sealed class BlockRenderingTests
{
    public static TheoryData<string, Func<SlackMessage>> MessagesWithoutUrls
    {
        get
        {
            var request = SlackSamples.Request();
            var pending = SlackSamples.Pending(request);
            var approved = pending with { State = ApprovalState.Approved, DecidedBy = SlackSamples.ApproverUser, DecidedAt = SlackSamples.Now };
            var record = new IssuedLinkRecord(request.Id, request.Platform, request.Requester.Id, "prod-readonly", "{}", SlackSamples.Now, SlackSamples.Now.AddMinutes(15));
            return new()
            {
                { "approval prompt", () => ApprovalPrompt.Render(pending) },
                { "decided prompt", () => ApprovalPrompt.RenderDecided(approved) },
                { "expired prompt", () => ApprovalPrompt.RenderDecided(pending with { State = ApprovalState.Expired }) },
                { "expired link", () => LinkMessage.RenderExpired(record) },
                { "refusal", () => NoticeText.Render(request, new RequesterNotice.Refused(SigninFailure.Of("not_allowed", "Ask an admin."))) },
                { "awaiting approval", () => NoticeText.Render(request, new RequesterNotice.AwaitingApproval("prod-readonly", SlackSamples.Now)) },
                { "approved notice", () => NoticeText.Render(request, new RequesterNotice.Decided(ApprovalState.Approved, SlackSamples.ApproverUser)) },
                { "help", () => NoticeText.Help([new ProfileSummary("prod-readonly", "Read only", true)]) },
                { "break-glass announcement", () => BreakGlassMessage.Render(pending with { SessionEndsAt = SlackSamples.Now.AddMinutes(30) }) },
                { "break-glass review thread", () => BreakGlassMessage.Review(pending, [SlackSamples.ApproverUser]) },
                { "break-glass repost", () => BreakGlassMessage.Repost(pending, [SlackSamples.ApproverUser]) },
                { "break-glass not issued", () => BreakGlassMessage.RenderNotIssued(pending, "access_denied") },
                { "acknowledged break-glass", () => BreakGlassMessage.RenderAcknowledged(approved with { SessionEndsAt = SlackSamples.Now.AddMinutes(30) }) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(MessagesWithoutUrls))]
    public void Only_The_Link_Dm_Carries_A_Url(string what, Func<SlackMessage> render)
    {
        var json = render().ToJson().ToJsonString(Readable);
        Assert.True(what.Length > 0);
        Assert.DoesNotContain("http", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRET-TOKEN", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_Dm_Has_The_Url_Only_In_The_Open_Button()
    {
        var request = SlackSamples.Request();
        var message = LinkMessage.Render(SlackSamples.Link(request));

        Assert.DoesNotContain("http", message.Text, StringComparison.OrdinalIgnoreCase);
        var buttons = Buttons(message.Blocks!);
        Assert.Equal([LinkMessage.OpenAction, LinkMessage.RevokeAction], buttons.Select(b => b["action_id"]!.GetValue<string>()));
        Assert.Equal(request.Id.Value, buttons[1]["value"]!.GetValue<string>());
        Assert.Null(buttons[1]["url"]);
        var open = buttons[0];
        Assert.Equal("Open AWS console", open["text"]!["text"]!.GetValue<string>());
        Assert.Equal(SlackSamples.SigninUrl.AbsoluteUri, open["url"]!.GetValue<string>());
        var withoutButton = message.Blocks!.ToJsonString(Readable).Replace(open["url"]!.ToJsonString(Readable), string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http", withoutButton, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("111122223333", withoutButton, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::111122223333:role/ReadOnly", withoutButton, StringComparison.Ordinal);
    }

    [Fact]
    public void Approval_Buttons_Carry_Only_The_Request_Id()
    {
        var request = SlackSamples.Request();
        var buttons = Buttons(ApprovalPrompt.Render(SlackSamples.Pending(request)).Blocks!);

        Assert.Equal(["approve", "deny"], buttons.Select(b => b["action_id"]!.GetValue<string>()));
        Assert.Equal(["Approve", "Deny"], buttons.Select(b => b["text"]!["text"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(request.Id.Value, b["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Approval_Prompt_Mentions_The_Requester_And_Escapes_The_Reason()
    {
        var json = ApprovalPrompt.Render(SlackSamples.Pending(SlackSamples.Request())).Blocks!.ToJsonString(Readable);

        Assert.Contains($"<@{SlackSamples.Requester}>", json, StringComparison.Ordinal);
        Assert.Contains("INC-42 &lt;disk&gt; &amp; full", json, StringComparison.Ordinal);
        Assert.Contains("prod-readonly", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Decided_Prompt_Has_No_Buttons_And_Names_The_Approver()
    {
        var pending = SlackSamples.Pending(SlackSamples.Request());
        var decided = ApprovalPrompt.RenderDecided(pending with { State = ApprovalState.Denied, DecidedBy = SlackSamples.ApproverUser, DecidedAt = SlackSamples.Now });

        Assert.Empty(Buttons(decided.Blocks!));
        Assert.Contains($"Denied by <@{SlackSamples.Approver}>", decided.Blocks!.ToJsonString(Readable), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_Says_Why_And_What_To_Do_Next()
    {
        var failure = new SigninFailure("rate_limited", "You have asked 10 times. Try again later.", "admin detail");
        var text = NoticeText.Render(SlackSamples.Request(), new RequesterNotice.Refused(failure)).Text;

        Assert.Contains("Try again later.", text, StringComparison.Ordinal);
        Assert.Contains("rate_limited", text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin detail", text, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<JsonObject> Buttons(JsonArray blocks) => blocks
        .OfType<JsonObject>()
        .Where(b => b["type"]!.GetValue<string>() == "actions")
        .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
        .ToList();
}
