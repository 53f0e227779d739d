using System.Text.Json.Nodes;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>Inbound activities shaped like Teams sends them (protocols.md E.1).</summary>
internal static class TestActivities
{
    public const string Tenant = "tenant-1";
    public const string BotId = "28:app-id";
    public const string ChannelConversation = "19:ops@thread.tacv2;messageid=1700000000000";

    public static JsonObject Personal(string serviceUrl, string text, string user = "29:alice", string? aadObjectId = "aad-alice", string name = "Alice") =>
        Message(serviceUrl, text, new JsonObject { ["conversationType"] = "personal", ["tenantId"] = Tenant, ["id"] = "a:alice-chat" }, user, aadObjectId, name);

    public static JsonObject Channel(string serviceUrl, string text, string user = "29:alice", string? aadObjectId = "aad-alice", string name = "Alice") =>
        Message(serviceUrl, text, new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Tenant, ["id"] = ChannelConversation }, user, aadObjectId, name);

    public static JsonObject Execute(string serviceUrl, string verb, string requestId, string user = "29:bob", string aadObjectId = "aad-bob", string name = "Bob")
    {
        var activity = Message(serviceUrl, string.Empty, new JsonObject { ["conversationType"] = "channel", ["tenantId"] = Tenant, ["id"] = "19:approvals@thread.tacv2" }, user, aadObjectId, name);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["requestId"] = requestId } },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private static JsonObject Message(string serviceUrl, string text, JsonObject conversation, string user, string? aadObjectId, string name)
    {
        var from = new JsonObject { ["id"] = user, ["name"] = name };
        if (aadObjectId is not null)
        {
            from["aadObjectId"] = aadObjectId;
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000001",
            ["timestamp"] = "2026-11-23T09:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = from,
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOpsSignin" },
            ["text"] = text,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        };
    }
}
