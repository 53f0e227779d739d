using System.Text.Json;
using ChatOpsSignin.Teams.Inbound;

namespace ChatOpsSignin.Teams.Delivery;

/// <summary>
/// Where and how to answer a request: the <c>ReplyTo</c> of a Teams <c>SigninRequest</c>, persisted as JSON.
/// Built only from a validated activity, so <see cref="ServiceUrl"/> is trusted.
/// </summary>
/// <param name="UserId">The requester's bot-scoped <c>29:</c> id, needed to open a 1:1 chat.</param>
/// <param name="BotId">The bot's <c>28:</c> id as the channel addressed it.</param>
internal sealed record ReplyTarget(
    string ServiceUrl,
    string ConversationId,
    string ConversationType,
    string? ActivityId,
    string UserId,
    string TenantId,
    string BotId,
    string? BotName = null)
{
    /// <summary>An activity that does not say what it came from is treated as a channel: a link never goes there.</summary>
    public const string UnknownConversationType = "unknown";

    public bool IsPersonal => ConversationType == "personal";

    public static ReplyTarget From(Activity activity, string tenantId) => new(
        activity.ServiceUrl!,
        activity.Conversation!.Id!,
        activity.Conversation.ConversationType ?? UnknownConversationType,
        activity.Id,
        activity.From!.Id!,
        tenantId,
        activity.Recipient?.Id ?? string.Empty,
        activity.Recipient?.Name);

    public string ToJson() => JsonSerializer.Serialize(this, Activity.Json);

    public static ReplyTarget Parse(string json) =>
        JsonSerializer.Deserialize<ReplyTarget>(json, Activity.Json)
        ?? throw new FormatException("A Teams ReplyTo must be a JSON object.");
}
