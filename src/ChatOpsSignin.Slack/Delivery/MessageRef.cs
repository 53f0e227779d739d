using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>The message ref / prompt ref the core stores for Slack: <c>{"channel":"D…","ts":"…"}</c>.</summary>
internal static class MessageRef
{
    public static string Of(PostedMessage message) => JsonSerializer.Serialize(new Shape(message.Channel, message.Ts));

    public static PostedMessage? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Shape>(json) is { Channel: { Length: > 0 } channel, Ts: { Length: > 0 } ts }
                ? new PostedMessage(channel, ts)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Shape([property: JsonPropertyName("channel")] string? Channel, [property: JsonPropertyName("ts")] string? Ts);
}
