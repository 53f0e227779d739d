using System.Text.Json.Nodes;

namespace ChatOpsSignin.Slack.WebApi;

/// <summary>A message body: fallback <paramref name="Text"/> (notifications, screen readers) plus optional Block Kit blocks.</summary>
/// <param name="Metadata">Slack message metadata (https://docs.slack.dev/messaging/message-metadata): lets the bot find its own message again.</param>
public sealed record SlackMessage(string Text, JsonArray? Blocks = null, JsonObject? Metadata = null)
{
    /// <summary>Posts the message as a reply in the thread of this message ts.</summary>
    public string? ThreadTs { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["text"] = Text };
        if (Blocks is not null)
        {
            json["blocks"] = Blocks.DeepClone();
        }

        if (Metadata is not null)
        {
            json["metadata"] = Metadata.DeepClone();
        }

        if (ThreadTs is not null)
        {
            json["thread_ts"] = ThreadTs;
        }

        return json;
    }

    /// <summary>The body of an ephemeral reply (HTTP response, Socket Mode ack payload or response_url post).</summary>
    public JsonObject ToEphemeral()
    {
        var json = ToJson();
        json["response_type"] = "ephemeral";
        return json;
    }
}

/// <summary>Where a posted message lives, for <c>chat.update</c>.</summary>
public sealed record PostedMessage(string Channel, string Ts);

/// <summary>What <c>users.info</c> told us; <see cref="Email"/> only with scope <c>users:read.email</c>.</summary>
public sealed record SlackUserInfo(string Id, string? Name, string? Email)
{
    /// <summary>users.info <c>deleted</c>: the account is deactivated (or deleted).</summary>
    public bool Deleted { get; init; }
}
