using System.Text.Json;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Inbound;

namespace ChatOpsSignin.Teams.Approvals;

/// <summary>
/// An Approve / Deny click, read from an <c>adaptiveCard/action</c> invoke (Action.Execute: verb + data.requestId) or from a
/// message whose <c>value</c> is the Action.Submit data (<c>{requestId, verb}</c>).
/// See https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards.
/// </summary>
/// <param name="Revoke">The Revoke button (link card, approved card) rather than a decision.</param>
internal sealed record ApprovalClick(string RequestId, bool Approve, bool Revoke = false)
{
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
            (ApprovalCard.Approve, { Length: > 0 }) => new ApprovalClick(id, true),
            (ApprovalCard.Deny, { Length: > 0 }) => new ApprovalClick(id, false),
            (ApprovalCard.Revoke, { Length: > 0 }) => new ApprovalClick(id, false, Revoke: true),
            _ => null,
        };
    }
}
