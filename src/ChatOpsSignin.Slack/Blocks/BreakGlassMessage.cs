using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>
/// A break-glass in the approval channel: the loud announcement (who, which profile, why, when the session ends) with the
/// Acknowledge button (its value is only the request id), the review thread under it, the once-only repost, and the
/// announcement once an approver has acknowledged it.
/// </summary>
public static class BreakGlassMessage
{
    public const string AcknowledgeAction = "acknowledge";

    public static SlackMessage Render(PendingApproval breakGlass)
    {
        var request = breakGlass.Request;
        var blocks = new JsonArray(
            Block.Section($":rotating_light: *BREAK-GLASS*: {Mrkdwn.Person(request.Requester)} took AWS console access with profile *{Mrkdwn.Escape(request.Profile)}* without approval."),
            Details(breakGlass),
            Block.Actions($"break-glass:{request.Id.Value}", Block.Button(AcknowledgeAction, "Acknowledge", request.Id.Value, "danger")));
        return new SlackMessage($":rotating_light: Break-glass: {request.Requester.Handle} took {request.Profile} without approval", blocks);
    }

    /// <summary>The review thread: which approvers are asked to acknowledge (never the requester).</summary>
    public static SlackMessage Review(PendingApproval breakGlass, IReadOnlyList<ChatUser> notify) => new(
        $"{Who(notify)}: please review this break-glass and press *Acknowledge* on it. Ask {Mrkdwn.Person(breakGlass.Request.Requester)} here what was done.");

    /// <summary>Posted again in the channel, once, when nobody acknowledged it in time.</summary>
    public static SlackMessage Repost(PendingApproval breakGlass, IReadOnlyList<ChatUser> notify)
    {
        var request = breakGlass.Request;
        return new SlackMessage(
            $":rotating_light: *Still unacknowledged BREAK-GLASS* (`{request.Id.Value}`): {Mrkdwn.Person(request.Requester)} on *{Mrkdwn.Escape(request.Profile)}*, "
            + $"reason: {Mrkdwn.Escape(request.Reason)}; the session ends {Mrkdwn.Date(breakGlass.SessionEndsAt ?? breakGlass.ExpiresAt)}. "
            + $"{Who(notify)}: press *Acknowledge* on the announcement above.");
    }

    /// <summary>The announcement after the first acknowledgement: no button left, who acknowledged and when.</summary>
    public static SlackMessage RenderAcknowledged(PendingApproval breakGlass)
    {
        var request = breakGlass.Request;
        var when = breakGlass.DecidedAt is { } at ? $" at {Mrkdwn.Date(at)}" : string.Empty;
        var blocks = new JsonArray(
            Block.Section($":rotating_light: *BREAK-GLASS*: {Mrkdwn.Person(request.Requester)} took AWS console access with profile *{Mrkdwn.Escape(request.Profile)}* without approval."),
            Details(breakGlass),
            Block.Context($":white_check_mark: Acknowledged by {Mrkdwn.Person(breakGlass.DecidedBy)}{when}."));
        return new SlackMessage($"Break-glass on {request.Profile} by {request.Requester.Handle}: acknowledged by {breakGlass.DecidedBy?.Handle}", blocks);
    }

    /// <summary>The announcement when nothing was issued after all: no button, and why (the code only; the requester was told the rest).</summary>
    public static SlackMessage RenderNotIssued(PendingApproval breakGlass, string code)
    {
        var request = breakGlass.Request;
        var blocks = new JsonArray(
            Block.Section($":no_entry: Break-glass by {Mrkdwn.Person(request.Requester)} on *{Mrkdwn.Escape(request.Profile)}*: *nothing was issued* (`{Mrkdwn.Escape(code)}`)."),
            Details(breakGlass));
        return new SlackMessage($"Break-glass on {request.Profile} by {request.Requester.Handle}: nothing was issued", blocks);
    }

    private static string Who(IReadOnlyList<ChatUser> notify) =>
        notify.Count == 0 ? "Approvers" : string.Join(" ", notify.Select(u => Mrkdwn.Mention(u.Id.User)));

    private static JsonObject Details(PendingApproval breakGlass) => Block.Fields(
        ("Reason", Mrkdwn.Escape(breakGlass.Request.Reason)),
        ("Session ends", Mrkdwn.Date(breakGlass.SessionEndsAt ?? breakGlass.ExpiresAt)),
        ("Request", $"`{breakGlass.Request.Id.Value}`"));
}
