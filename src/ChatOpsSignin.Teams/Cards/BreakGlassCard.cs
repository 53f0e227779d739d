using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;

namespace ChatOpsSignin.Teams.Cards;

/// <summary>
/// A break-glass in the approval conversation: the loud card (who, which profile, why, when the session ends) with an
/// Acknowledge Universal Action (Action.Submit fallback) carrying only the request id, and its acknowledged form.
/// </summary>
internal static class BreakGlassCard
{
    public const string Acknowledge = "acknowledge";

    public static JsonObject Announcement(PendingApproval breakGlass, string? note = null)
    {
        var id = breakGlass.Request.Id.Value;
        var button = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = "Acknowledge",
            ["verb"] = Acknowledge,
            ["style"] = "destructive",
            ["data"] = new JsonObject { ["requestId"] = id },
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = "Acknowledge",
                ["data"] = new JsonObject { ["requestId"] = id, ["verb"] = Acknowledge },
            },
        };
        return AdaptiveCard.Card(
        [
            .. Summary(breakGlass),
            AdaptiveCard.Text("An approver must review and acknowledge it.", color: "Attention"),
            .. note is null ? Array.Empty<JsonNode>() : [AdaptiveCard.Text(note, color: "Attention")],
        ],
        [button]);
    }

    public static JsonObject Acknowledged(PendingApproval breakGlass, string? note = null) => AdaptiveCard.Card(
    [
        .. Summary(breakGlass),
        AdaptiveCard.Text(
            $"Acknowledged by {breakGlass.DecidedBy?.Handle ?? "an approver"}{(breakGlass.DecidedAt is { } at ? " at " + AdaptiveCard.Time(at) : string.Empty)}",
            color: "Good"),
        .. note is null ? Array.Empty<JsonNode>() : [AdaptiveCard.Text(note)],
    ]);

    /// <summary>The announcement when nothing was issued after all: no button, and the refusal code.</summary>
    public static JsonObject NotIssued(PendingApproval breakGlass, string code) => AdaptiveCard.Card(
    [
        .. Summary(breakGlass),
        AdaptiveCard.Text($"Nothing was issued ({code}).", color: "Attention"),
    ]);

    /// <summary>The review thread's reply, and (with <paramref name="again"/>) the once-only repost.</summary>
    public static string Review(PendingApproval breakGlass, bool again = false)
    {
        const string who = "Approvers";
        var request = breakGlass.Request;
        return again
            ? $"🚨 **Still unacknowledged BREAK-GLASS** ({request.Id.Value}): {request.Requester.Handle} on **{request.Profile}**, reason: {request.Reason}; "
                + $"the session ends {AdaptiveCard.Time(breakGlass.SessionEndsAt ?? breakGlass.ExpiresAt)}. {who}: please press Acknowledge on the announcement."
            : $"{who}: please review this break-glass and press Acknowledge on it. Ask {request.Requester.Handle} here what was done.";
    }

    private static JsonNode[] Summary(PendingApproval breakGlass) =>
    [
        AdaptiveCard.Text("🚨 BREAK-GLASS: AWS console access without approval", bold: true, color: "Attention"),
        AdaptiveCard.Facts(
            ("Who", breakGlass.Request.Requester.Handle),
            ("Profile", breakGlass.Request.Profile),
            ("Reason", breakGlass.Request.Reason),
            ("Session ends", AdaptiveCard.Time(breakGlass.SessionEndsAt ?? breakGlass.ExpiresAt)),
            ("Request", breakGlass.Request.Id.Value)),
    ];
}
