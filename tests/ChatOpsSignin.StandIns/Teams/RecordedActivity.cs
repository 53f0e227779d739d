using System.Text.Json.Nodes;

namespace ChatOpsSignin.StandIns.Teams;

/// <summary>One activity the bot sent (POST) or replaced (PUT), as the connector stand-in received it.</summary>
public sealed record RecordedActivity(string Method, string ConversationId, string ActivityId, string? ReplyToId, JsonObject Body)
{
    public string? Text => Body["text"]?.GetValue<string>();

    /// <summary>The Adaptive Card contents of the attachments.</summary>
    public IReadOnlyList<JsonObject> Cards => (Body["attachments"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Where(a => a["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
        .Select(a => a["content"] as JsonObject)
        .OfType<JsonObject>()
        .ToList();

    public string Json => Body.ToJsonString();
}
