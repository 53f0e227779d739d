using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>The approval message in the profile's Slack channel: who, what, why, until when; Approve / Deny carry only the request id.</summary>
public static class ApprovalPrompt
{
    public const string ApproveAction = "approve";
    public const string DenyAction = "deny";
    public const string EndReuseAction = "end_reuse";

    public static SlackMessage Render(PendingApproval approval)
    {
        var request = approval.Request;
        var id = request.Id.Value;
        var blocks = new JsonArray(
            Block.Section($"{Mrkdwn.Person(request.Requester)} asks for AWS console access with profile *{Mrkdwn.Escape(request.Profile)}*."),
            Details(approval));
        if (approval.Notify.Count > 0)
        {
            blocks.Add(Block.Context("Asking " + string.Join(" ", approval.Notify.Select(u => Mrkdwn.Mention(u.Id.User)))));
        }

        if (QuorumProgress.Line(approval) is { } progress)
        {
            blocks.Add(Block.Context(progress));
        }

        blocks.Add(
            Block.Actions(
                $"approval:{id}",
                Block.Button(ApproveAction, "Approve", id, "primary"),
                Block.Button(DenyAction, "Deny", id, "danger")));
        return new SlackMessage($"Approval needed: {request.Requester.Handle} asks for {request.Profile}", blocks);
    }

    /// <summary>The reminder at half the timeout, in the prompt's thread: who is still asked, and until when.</summary>
    public static SlackMessage Reminder(PendingApproval approval, IReadOnlyList<ChatOpsSignin.Core.Identity.ChatUser> notify)
    {
        var who = notify.Count == 0 ? "Approvers" : string.Join(" ", notify.Select(u => Mrkdwn.Mention(u.Id.User)));
        return new SlackMessage(
            $":bell: Reminder: {who}, {Mrkdwn.Person(approval.Request.Requester)} still waits for a decision on *{Mrkdwn.Escape(approval.Request.Profile)}* "
            + $"(`{approval.Request.Id.Value}`); it expires {Mrkdwn.Date(approval.ExpiresAt)}.");
    }

    /// <summary>The prompt after the decision, expiry or cancellation: no buttons left.</summary>
    public static SlackMessage RenderDecided(PendingApproval approval)
    {
        var request = approval.Request;
        var outcome = approval.State switch
        {
            ApprovalState.Approved when approval.Votes.Count > 1 => $":white_check_mark: Approved by {QuorumProgress.People(approval)}",
            ApprovalState.Approved => $":white_check_mark: Approved by {Mrkdwn.Person(approval.DecidedBy)}",
            ApprovalState.Denied => $":no_entry: Denied by {Mrkdwn.Person(approval.DecidedBy)}",
            ApprovalState.Cancelled => ":leftwards_arrow_with_hook: Cancelled by the requester",
            ApprovalState.Expired => ":hourglass: Expired without a decision",
            _ => ":hourglass_flowing_sand: Pending",
        };
        var when = approval.DecidedAt is { } at ? $" at {Mrkdwn.Date(at)}" : string.Empty;
        var blocks = new JsonArray(
            Block.Section($"{Mrkdwn.Person(request.Requester)} asked for AWS console access with profile *{Mrkdwn.Escape(request.Profile)}*."),
            Details(approval),
            Block.Context(outcome + when + "."));
        if (approval.ReuseUntil is { } until)
        {
            blocks.Add(Block.Context($"{Mrkdwn.Person(request.Requester)} gets fresh links for *{Mrkdwn.Escape(request.Profile)}* without asking until {Mrkdwn.Date(until)}."));
            blocks.Add(Block.Actions($"reuse:{request.Id.Value}", Block.Button(EndReuseAction, "End reuse window", request.Id.Value, "danger")));
        }

        if (approval.State == ApprovalState.Approved)
        {
            blocks.Add(Block.Actions($"revoke:{request.Id.Value}", Block.Button(LinkMessage.RevokeAction, "Revoke", request.Id.Value, "danger")));
        }

        return new SlackMessage($"{request.Profile} for {request.Requester.Handle}: {approval.State}", blocks);
    }

    private static JsonObject Details(PendingApproval approval) => Block.Fields(
        ("Reason", string.IsNullOrWhiteSpace(approval.Request.Reason) ? "_none given_" : Mrkdwn.Escape(approval.Request.Reason)),
        ("Expires", Mrkdwn.Date(approval.ExpiresAt)),
        ("Request", $"`{approval.Request.Id.Value}`"));
}
