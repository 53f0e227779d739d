using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>
/// The private link DM. The URL appears only as the "Open AWS console" button's <c>url</c>, never in text (so it is not
/// unfurled or shown in notifications), and is gone after <see cref="RenderExpired"/>.
/// </summary>
public static class LinkMessage
{
    public const string OpenAction = "open_console";

    /// <summary>Ends the session (the requester, the profile's approvers, admins); the value is the request id only.</summary>
    public const string RevokeAction = "revoke_session";

    public static SlackMessage Render(LinkDelivery delivery)
    {
        var (request, link, credentials) = (delivery.Request, delivery.Link, delivery.Credentials);
        var blocks = new JsonArray(
            Block.Section($"Your AWS console sign-in for *{Mrkdwn.Escape(request.Profile)}* is ready. The link is for you only: do not share it."),
            Block.Fields(
                ("Account", Mrkdwn.Escape(credentials.AccountId ?? "unknown")),
                ("Role", Mrkdwn.Escape(credentials.RoleArn ?? credentials.PrincipalArn)),
                ("Console session ends", Mrkdwn.Date(link.ConsoleSessionEndsAt)),
                ("Link expires", Mrkdwn.Date(link.ExpiresAt))),
            Block.Actions($"link:{request.Id.Value}", Block.Button(OpenAction, "Open AWS console", request.Id.Value, "primary", link.Url),
                Block.Button(RevokeAction, "Revoke", request.Id.Value, "danger")),
            Block.Context($"Request `{request.Id.Value}`. The link works once, until {Mrkdwn.Date(link.ExpiresAt)}; then this message is cleared."));
        return new SlackMessage($"Your AWS console link for {request.Profile} (expires {Mrkdwn.PlainDate(link.ExpiresAt)})", blocks, Marker(request.Id));
    }

    public const string MetadataEventType = "chatops_signin_link";

    /// <summary>The metadata a link message carries, so the bot can find a copy whose post answer it never got.</summary>
    public static JsonObject Marker(RequestId id) => new()
    {
        ["event_type"] = MetadataEventType,
        ["event_payload"] = new JsonObject { ["request_id"] = id.Value },
    };

    public static bool IsMarkedFor(JsonElement? metadata, RequestId id) =>
        metadata is { ValueKind: JsonValueKind.Object } m
        && m.TryGetProperty("event_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == MetadataEventType
        && m.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("request_id", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == id.Value;

    public static SlackMessage RenderExpired(IssuedLinkRecord record)
    {
        var text = $"Your sign-in link for *{Mrkdwn.Escape(record.Profile)}* expired at {Mrkdwn.Date(record.LinkExpiresAt)} and was removed. "
            + $"Ask again with `/aws-console {Mrkdwn.Escape(record.Profile)}`.";
        return new SlackMessage($"Your sign-in link for {record.Profile} expired.", new JsonArray(Block.Section(text)));
    }
}
