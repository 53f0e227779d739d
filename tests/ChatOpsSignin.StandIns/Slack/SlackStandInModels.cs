using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>A seeded workspace user, returned by users.info and reachable by conversations.open.</summary>
public sealed record SlackStandInUser(string Id, string TeamId, string Name, string? Email, bool Deleted = false);

/// <summary>One Web API call as the stand-in saw it: method, which token kind, HTTP status and Slack error (null when ok).</summary>
public sealed record SlackApiCall(string Method, string? TokenKind, int Status, string? Error);

/// <summary>A message posted with chat.postMessage, as it stands now (chat.update changes Text/Blocks and adds to History).</summary>
public sealed class SlackPostedMessage(string channel, string ts, string? text, JsonArray? blocks, bool? unfurlLinks, bool? unfurlMedia)
{
    public string Channel { get; } = channel;

    public string Ts { get; } = ts;

    public string? Text { get; internal set; } = text;

    public JsonArray? Blocks { get; internal set; } = blocks;

    /// <summary>As sent; null when the caller left it out (Slack then unfurls).</summary>
    public bool? UnfurlLinks { get; } = unfurlLinks;

    public bool? UnfurlMedia { get; } = unfurlMedia;

    /// <summary>The message metadata the bot attached (event_type and event_payload), if any.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Earlier (text, blocks JSON) versions, oldest first.</summary>
    public List<(string? Text, string? Blocks)> History { get; } = [];

    public int Updates => History.Count;

    /// <summary>Text and blocks as one JSON string, for "contains no URL" style assertions.</summary>
    public string Rendered => (Text ?? string.Empty) + "\n" + (Blocks?.ToJsonString(Readable) ?? string.Empty);

    /// <summary>Blocks as JSON without \u003C-style escapes, so assertions can look for <c>&lt;@U123&gt;</c> and URLs.</summary>
    public string BlocksJson => Blocks?.ToJsonString(Readable) ?? string.Empty;

    internal static JsonSerializerOptions Readable { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>A JSON body posted to a response_url.</summary>
public sealed record SlackResponsePost(string ResponseUrlId, JsonObject Body)
{
    public string? Text => Body["text"]?.GetValue<string>();

    public string? ResponseType => Body["response_type"]?.GetValue<string>();
}
