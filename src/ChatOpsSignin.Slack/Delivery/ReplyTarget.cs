using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// Slack's <c>SigninRequest.ReplyTo</c>, persisted with the request: where the requester invoked the command. It holds
/// no response_url (a bearer capability; see <see cref="ResponseUrls"/>).
/// </summary>
public sealed record ReplyTarget(
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("channel")] string? Channel)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static ReplyTarget? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReplyTarget>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
