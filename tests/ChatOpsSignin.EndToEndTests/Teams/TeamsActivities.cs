using System.Text.Json.Nodes;
using ChatOpsSignin.StandIns.Teams;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>The inbound activities Teams sends the bot in a tenant channel, as the Bot Framework shapes them.</summary>
internal static class TeamsActivities
{
    /// <summary>A channel message from <paramref name="from"/> that @mentions the bot.</summary>
    public static JsonObject Message(string appId, string tenant, string serviceUrl, ConnectorMember from, string conversationId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["conversation"] = new JsonObject
        {
            ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = tenant, ["id"] = conversationId,
        },
        ["recipient"] = new JsonObject { ["id"] = "28:" + appId, ["name"] = "ChatOpsSignin" },
        ["text"] = text,
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>ChatOpsSignin</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:" + appId, ["name"] = "ChatOpsSignin" },
        }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
    };

    /// <summary>Turns a message into the <c>adaptiveCard/action</c> invoke of an Action.Execute button.</summary>
    public static JsonObject Execute(JsonObject message, string verb, string requestId)
    {
        message["type"] = "invoke";
        message["name"] = "adaptiveCard/action";
        message["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["requestId"] = requestId } },
            ["trigger"] = "manual",
        };
        return message;
    }
}
