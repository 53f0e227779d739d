using System.Text.Json;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Inbound;

namespace ChatOpsSignin.Teams.Approvals;

/// <summary>
/// An Approve / Deny / End reuse window / Acknowledge / Revoke click, read from an <c>adaptiveCard/action</c> invoke (Action.Execute: verb + data.requestId) or from a
/// message whose <c>value</c> is the Action.Submit data (<c>{requestId, verb}</c>).
/// See https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards.
/// </summary>
internal sealed record ApprovalClick(string RequestId, string Verb)
{
    public bool Approve => Verb == ApprovalCard.Approve;

    /// <summary>End the reuse window of an approved request (the decided card's button), not a decision.</summary>
    public bool EndsReuse => Verb == ApprovalCard.EndReuse;

    /// <summary>Acknowledge on a break-glass announcement (not a decision).</summary>
    public bool Acknowledge => Verb == BreakGlassCard.Acknowledge;

    /// <summary>The Revoke button (link card, approved card) rather than a decision.</summary>
    public bool Revoke => Verb == ApprovalCard.Revoke;

    public static ApprovalClick? FromExecute(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            ? Read(action, "verb", action.TryGetProperty("data", out var data) ? data : default)
            : null;

    public static ApprovalClick? FromSubmit(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value ? Read(value, "verb", value) : null;

    private static ApprovalClick? Read(JsonElement holder, string verbName, JsonElement data)
    {
        var verb = holder.TryGetProperty(verbName, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var id = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString()
            : null;
        return (verb, id) switch
        {
            (ApprovalCard.Approve or ApprovalCard.Deny or ApprovalCard.EndReuse or ApprovalCard.Revoke or BreakGlassCard.Acknowledge, { Length: > 0 }) =>
                new ApprovalClick(id, verb),
            _ => null,
        };
    }
}
