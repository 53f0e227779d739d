using System.Text.Json.Nodes;
using ChatOpsSignin.Teams.Cards;

namespace ChatOpsSignin.Teams.Delivery;

/// <summary>Message activities the bot sends (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-send-and-receive-messages).</summary>
internal static class OutboundActivity
{
    public static JsonObject Text(string text) => new()
    {
        ["type"] = "message",
        ["textFormat"] = "markdown",
        ["text"] = text,
    };

    public static JsonObject Card(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(AdaptiveCard.Attachment(card)),
    };
}
