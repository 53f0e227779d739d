using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// Slack's <c>SigninRequest.ReplyTo</c>: where the requester invoked the command and its <c>response_url</c>, with the
/// time it was issued (a response_url works 30 minutes, 5 times). Persisted with approvals, so it is plain JSON.
/// </summary>
public sealed record ReplyTarget(
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("response_url")] string? ResponseUrl,
    [property: JsonPropertyName("issued_at")] DateTimeOffset IssuedAt)
{
    /// <summary>Slack's window is 30 minutes; stop a little earlier so a post does not race the deadline.</summary>
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(29);

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

    public bool ResponseUrlUsableAt(DateTimeOffset now) =>
        !string.IsNullOrEmpty(ResponseUrl) && now - IssuedAt < ResponseUrlLifetime;

    public override string ToString() => $"ReplyTarget({Team}/{User}, channel {Channel}, response_url redacted)";
}
