using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// The parts of a Bot Framework activity the bot reads.
/// See https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object.
/// </summary>
internal sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? ReplyToId { get; init; }

    public JsonElement? Value { get; init; }

    public JsonElement? ChannelData { get; init; }

    public List<JsonElement>? Entities { get; init; }

    /// <summary>channelData.tenant.id, else conversation.tenantId.</summary>
    public string? TenantId =>
        ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(id.GetString())
            ? id.GetString()
            : Conversation?.TenantId;

    public bool IsPersonal => Conversation?.ConversationType is null or "personal";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId = null);

internal sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);
