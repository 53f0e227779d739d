using System.Text.Json;
using ChatOpsSignin.Teams.Inbound;

namespace ChatOpsSignin.Teams.Delivery;

/// <summary>A sent activity, for a later PUT: the message ref of links and approval prompts, persisted as JSON.</summary>
internal sealed record MessageRef(string ServiceUrl, string ConversationId, string ActivityId)
{
    public string ToJson() => JsonSerializer.Serialize(this, Activity.Json);

    public static MessageRef Parse(string json) =>
        JsonSerializer.Deserialize<MessageRef>(json, Activity.Json)
        ?? throw new FormatException("A Teams message ref must be a JSON object.");
}
