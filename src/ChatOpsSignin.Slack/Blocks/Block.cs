using System.Text.Json.Nodes;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>The few Block Kit elements the bot uses. See https://docs.slack.dev/reference/block-kit/blocks.</summary>
public static class Block
{
    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Text(mrkdwn),
    };

    public static JsonObject Fields(params (string Label, string Value)[] fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray(fields.Select(f => (JsonNode)Text($"*{f.Label}*\n{f.Value}")).ToArray()),
    };

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Text(mrkdwn)),
    };

    public static JsonObject Actions(string blockId, params JsonObject[] elements) => new()
    {
        ["type"] = "actions",
        ["block_id"] = blockId,
        ["elements"] = new JsonArray(elements.Cast<JsonNode>().ToArray()),
    };

    /// <summary>A button; its value carries only the request id.</summary>
    public static JsonObject Button(string actionId, string label, string value, string? style = null, Uri? url = null)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label },
            ["value"] = value,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        if (url is not null)
        {
            button["url"] = url.AbsoluteUri;
        }

        return button;
    }

    private static JsonObject Text(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = mrkdwn };
}
