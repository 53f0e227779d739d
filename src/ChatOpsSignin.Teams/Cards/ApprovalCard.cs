using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Teams.Identity;

namespace ChatOpsSignin.Teams.Cards;

/// <summary>
/// The approval prompt posted in the approvers' channel, and its decided form. Buttons are Universal Actions
/// (<c>Action.Execute</c>, answered with the updated card) with an <c>Action.Submit</c> fallback for older clients.
/// Each button carries only the request id. See https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview.
/// </summary>
internal static class ApprovalCard
{
    public const string Approve = "approve";
    public const string Deny = "deny";
    public const string EndReuse = "end_reuse";

    /// <summary>On the link card and the approved card: ends the issued session (requester, approvers, admins).</summary>
    public const string Revoke = "revoke";

    /// <param name="notify">Who is pinged ("Asking …", <c>Approval:Notify</c>); only the first posting pings.</param>
    /// <param name="mayDecide">Under a quorum: who still may decide, named without a ping.</param>
    public static JsonObject Prompt(
        PendingApproval approval, string? note = null, IReadOnlyList<TeamsPerson>? notify = null, IReadOnlyList<TeamsPerson>? mayDecide = null)
    {
        var request = approval.Request;
        var body = new List<JsonNode>(Summary(request, ("Decide before", AdaptiveCard.Time(approval.ExpiresAt))));
        if (notify is { Count: > 0 })
        {
            body.Add(AdaptiveCard.Text("Asking " + Mentions.Text(notify)));
        }

        if (QuorumVoting.Progress(approval) is { } progress)
        {
            body.Add(AdaptiveCard.Text(progress + (mayDecide is { Count: > 0 } ? ". Still may decide: " + Mentions.Names(mayDecide) : string.Empty) + "."));
        }

        if (note is not null)
        {
            body.Add(AdaptiveCard.Text(note, color: "Attention"));
        }

        var card = AdaptiveCard.Card(body, [Button("Approve", Approve, request.Id.Value), Button("Deny", Deny, request.Id.Value)]);
        return Mentions.On(card, notify ?? []);
    }

    /// <summary>The reminder at half the timeout, a reply in the prompt's thread: who is still asked, and until when.</summary>
    public static string Reminder(PendingApproval approval, IReadOnlyList<TeamsPerson> notify) =>
        $"Reminder: {(notify.Count == 0 ? "approvers" : Mentions.Text(notify))}, {approval.Request.Requester.Handle} still waits for a decision on "
        + $"**{approval.Request.Profile}** (`{approval.Request.Id.Value}`); it expires at {AdaptiveCard.Time(approval.ExpiresAt)}.";

    public static JsonObject Decided(PendingApproval approval, string? note = null)
    {
        var request = approval.Request;
        var by = approval.DecidedBy?.Handle;
        var outcome = approval.State switch
        {
            ApprovalState.Approved when approval.Votes.Count > 1 => $"Approved by {string.Join(", ", approval.Votes.Select(v => v.By.Handle))}",
            ApprovalState.Approved => $"Approved by {by}",
            ApprovalState.Denied => $"Denied by {by}",
            ApprovalState.Expired => "Expired: nobody decided in time",
            ApprovalState.Cancelled => "Cancelled by the requester",
            _ => "Waiting for a decision",
        };
        List<JsonNode> body =
        [
            .. Summary(request, ("Decided", approval.DecidedAt is { } at ? AdaptiveCard.Time(at) : null)),
            AdaptiveCard.Text(outcome, color: approval.State == ApprovalState.Approved ? "Good" : "Attention"),
        ];
        if (note is not null)
        {
            body.Add(AdaptiveCard.Text(note));
        }

        var actions = new List<JsonObject>();
        if (approval.State == ApprovalState.Approved)
        {
            actions.Add(Button("Revoke", Revoke, request.Id.Value));
        }

        if (approval.ReuseUntil is { } until)
        {
            body.Add(AdaptiveCard.Text($"{request.Requester.Handle} gets fresh links for {request.Profile} without asking until {AdaptiveCard.Time(until)}."));
            actions.Add(Button("End reuse window", EndReuse, request.Id.Value));
        }

        return AdaptiveCard.Card(body, actions.Count == 0 ? null : actions);
    }

    /// <summary>A card that only says something (e.g. an unknown request id).</summary>
    public static JsonObject Message(string text) => AdaptiveCard.Card([AdaptiveCard.Text(text)]);

    /// <summary>Title and the request's facts, shared by the prompt and the decided card; <paramref name="last"/> differs.</summary>
    private static JsonNode[] Summary(SigninRequest request, (string Title, string? Value) last) =>
    [
        AdaptiveCard.Text("AWS console access request", bold: true),
        AdaptiveCard.Facts(
            ("Requester", request.Requester.Handle),
            ("Profile", request.Profile),
            ("Reason", request.Reason),
            ("Request", request.Id.Value),
            last),
    ];

    public static JsonObject Button(string title, string verb, string requestId) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["data"] = new JsonObject { ["requestId"] = requestId },
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { ["requestId"] = requestId, ["verb"] = verb },
        },
    };
}
