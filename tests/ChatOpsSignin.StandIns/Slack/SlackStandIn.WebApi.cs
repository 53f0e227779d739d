using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>The Web API methods the bot uses, answered as Slack answers them (https://docs.slack.dev/reference/methods).</summary>
public sealed partial class SlackStandIn
{
    private readonly Dictionary<string, SlackStandInUser> users = new(StringComparer.Ordinal);
    private readonly HashSet<string> channels = new(StringComparer.Ordinal);
    private readonly List<SlackPostedMessage> messages = [];
    private readonly List<SlackApiCall> calls = [];
    private readonly Queue<(int Status, int RetryAfter, string? Method)> faults = new();
    private long nextTs;

    public IReadOnlyList<SlackPostedMessage> Messages { get { lock (gate) { return [.. messages]; } } }

    public IReadOnlyList<SlackApiCall> Calls { get { lock (gate) { return [.. calls]; } } }

    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    /// <summary>The 1:1 DM channel id conversations.open returns for a user.</summary>
    public static string DirectMessageChannel(string userId) => "D" + userId;

    public void AddUser(string userId, string name, string? email = null, string teamId = TeamId)
    {
        lock (gate)
        {
            users[userId] = new SlackStandInUser(userId, teamId, name, email);
        }
    }

    /// <summary>Deactivates a user, as an admin does when someone leaves: users.info then says <c>deleted: true</c>.</summary>
    public void DeactivateUser(string userId)
    {
        lock (gate)
        {
            users[userId] = users[userId] with { Deleted = true };
        }
    }

    /// <summary>A public channel the bot may post into (e.g. an approval channel).</summary>
    public void AddChannel(string channelId)
    {
        lock (gate)
        {
            channels.Add(channelId);
        }
    }

    /// <summary>The next <paramref name="calls"/> Web API calls (of <paramref name="method"/>, or any) get HTTP 429 with Retry-After.</summary>
    public void RateLimitNext(int calls, int retryAfterSeconds, string? method = null) => Inject(calls, 429, retryAfterSeconds, method);

    /// <summary>The next <paramref name="calls"/> Web API calls (of <paramref name="method"/>, or any) get this HTTP status (e.g. 500).</summary>
    public void FailNextWithStatus(int status, int calls = 1, string? method = null) => Inject(calls, status, 0, method);

    public IReadOnlyList<SlackPostedMessage> MessagesIn(string channel) => Messages.Where(m => m.Channel == channel).ToList();

    private void Inject(int count, int status, int retryAfter, string? method)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Enqueue((status, retryAfter, method));
            }
        }
    }

    private async Task ServeApiAsync(HttpContext context, string method)
    {
        var tokenKind = TokenKind(context.Request.Headers.Authorization.ToString());
        if (TakeFault(method) is { } fault)
        {
            Record(new SlackApiCall(method, tokenKind, fault.Status, "injected"));
            context.Response.StatusCode = fault.Status;
            if (fault.Status == 429)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter.ToString(CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
            }

            return;
        }

        var hang = TakeHang(method);
        if (hang == false)
        {
            Record(new SlackApiCall(method, tokenKind, 0, "hung"));
            await HangAsync(context);
            return;
        }

        var args = await ReadArgumentsAsync(context.Request, method);
        var result = tokenKind switch
        {
            null => Error("not_authed"),
            "invalid" => Error("invalid_auth"),
            "app" when method != "apps.connections.open" => Error("not_allowed_token_type"),
            "bot" when method == "apps.connections.open" => Error("not_allowed_token_type"),
            _ => Serve(method, args),
        };
        Record(new SlackApiCall(method, tokenKind, 200, result["ok"]!.GetValue<bool>() ? null : result["error"]!.GetValue<string>()));
        if (hang == true)
        {
            await HangAsync(context);
            return;
        }

        await context.Response.WriteAsJsonAsync(result);
    }

    private JsonObject Serve(string method, JsonObject args)
    {
        lock (gate)
        {
            return method switch
            {
                "conversations.open" => ConversationsOpen(args),
                "chat.postMessage" => PostMessage(args),
                "chat.update" => Update(args),
                "conversations.history" => History(args),
                "users.info" => UsersInfo(args),
                "usergroups.users.list" => UserGroupUsers(args),
                "apps.connections.open" => ConnectionsOpen(),
                "auth.test" => AuthTest(),
                _ => Error("unknown_method"),
            };
        }
    }

    /// <summary>https://docs.slack.dev/reference/methods/auth.test: who the bot token belongs to.</summary>
    private static JsonObject AuthTest() => new()
    {
        ["ok"] = true,
        ["url"] = "https://standin.slack.com/",
        ["team"] = "Stand-in",
        ["team_id"] = TeamId,
        ["user_id"] = "UBOT",
        ["bot_id"] = "BBOT",
    };

    private JsonObject ConversationsOpen(JsonObject args)
    {
        var ids = Arg(args, "users")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (ids.Length == 0)
        {
            return Error("users_list_not_supplied");
        }

        if (ids.Length != 1 || !users.ContainsKey(ids[0]))
        {
            return Error("user_not_found");
        }

        var channel = DirectMessageChannel(ids[0]);
        channels.Add(channel);
        return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = channel } });
    }

    private JsonObject PostMessage(JsonObject args)
    {
        var channel = Arg(args, "channel");
        channel = channel is not null && users.ContainsKey(channel) ? DirectMessageChannel(channel) : channel;
        if (channel is null || !channels.Contains(channel))
        {
            return Error("channel_not_found");
        }

        if (!TryReadBlocks(args, out var blocks))
        {
            return Error("invalid_blocks");
        }

        var text = Arg(args, "text");
        if (string.IsNullOrEmpty(text) && blocks is null)
        {
            return Error("no_text");
        }

        // Slack's ts is epoch seconds and microseconds; the counter keeps them unique and ordered within a second.
        var ts = $"{time.GetUtcNow().ToUnixTimeSeconds()}.{nextTs++ % 1_000_000:D6}";
        var metadata = args["metadata"] is JsonValue m && m.TryGetValue<string>(out var raw) ? JsonNode.Parse(raw) as JsonObject : args["metadata"] as JsonObject;
        messages.Add(new SlackPostedMessage(channel, ts, text, blocks, Flag(args, "unfurl_links"), Flag(args, "unfurl_media"))
        {
            Metadata = (JsonObject?)metadata?.DeepClone(),
        });
        return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = new JsonObject { ["text"] = text } });
    }

    /// <summary>
    /// conversations.history (https://docs.slack.dev/reference/methods/conversations.history): newest first, messages after
    /// <c>oldest</c>; metadata only with <c>include_all_metadata</c>. The bot's DMs only (im:history).
    /// </summary>
    private JsonObject History(JsonObject args)
    {
        var channel = Arg(args, "channel");
        if (channel is null || !channels.Contains(channel))
        {
            return Error("channel_not_found");
        }

        var oldest = double.TryParse(Arg(args, "oldest"), CultureInfo.InvariantCulture, out var o) ? o : 0;
        var withMetadata = Flag(args, "include_all_metadata") == true;
        var found = new JsonArray();
        foreach (var message in messages.Where(m => m.Channel == channel && double.Parse(m.Ts, CultureInfo.InvariantCulture) > oldest).Reverse())
        {
            var item = new JsonObject { ["type"] = "message", ["ts"] = message.Ts, ["text"] = message.Text };
            if (withMetadata && message.Metadata is { } metadata)
            {
                item["metadata"] = metadata.DeepClone();
            }

            found.Add(item);
        }

        return Ok(new JsonObject { ["messages"] = found, ["has_more"] = false });
    }

    private JsonObject Update(JsonObject args)
    {
        var message = messages.FirstOrDefault(m => m.Channel == Arg(args, "channel") && m.Ts == Arg(args, "ts"));
        if (message is null)
        {
            return Error(Arg(args, "channel") is { } c && channels.Contains(c) ? "message_not_found" : "channel_not_found");
        }

        if (!TryReadBlocks(args, out var blocks))
        {
            return Error("invalid_blocks");
        }

        message.History.Add((message.Text, message.Blocks?.ToJsonString()));
        message.Text = Arg(args, "text") ?? message.Text;
        message.Blocks = args.ContainsKey("blocks") ? blocks : message.Blocks;
        return Ok(new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["text"] = message.Text });
    }

    private JsonObject UsersInfo(JsonObject args)
    {
        if (Arg(args, "user") is not { } id || !users.TryGetValue(id, out var user))
        {
            return Error("user_not_found");
        }

        var profile = new JsonObject { ["real_name"] = user.Name, ["display_name"] = user.Name };
        if (user.Email is not null)
        {
            profile["email"] = user.Email;
        }

        return Ok(new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = user.Id, ["team_id"] = user.TeamId, ["name"] = user.Name, ["deleted"] = user.Deleted || deletedUsers.Contains(user.Id), ["profile"] = profile },
        });
    }

    private static async Task<JsonObject> ReadArgumentsAsync(HttpRequest request, string method)
    {
        var args = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            args[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                args[key] = value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            && method is not ("users.info" or "usergroups.users.list")) // Slack's read methods ignore JSON bodies.
        {
            if (await JsonNode.ParseAsync(request.Body) is JsonObject body)
            {
                foreach (var (key, value) in body)
                {
                    args[key] = value?.DeepClone();
                }
            }
        }

        return args;
    }

    private static string? TokenKind(string authorization) => authorization switch
    {
        "" => null,
        "Bearer " + BotToken => "bot",
        "Bearer " + AppToken => "app",
        _ => "invalid",
    };

    private (int Status, int RetryAfter)? TakeFault(string method)
    {
        lock (gate)
        {
            if (faults.TryPeek(out var next) && (next.Method is null || next.Method == method))
            {
                faults.Dequeue();
                return (next.Status, next.RetryAfter);
            }

            return null;
        }
    }

    private void Record(SlackApiCall call)
    {
        lock (gate)
        {
            calls.Add(call);
            Signal();
        }
    }

    private static bool TryReadBlocks(JsonObject args, out JsonArray? blocks)
    {
        blocks = null;
        var node = args["blocks"];
        if (node is JsonValue value && value.TryGetValue<string>(out var json))
        {
            node = JsonNode.Parse(json);
        }

        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array || array.Any(b => b is not JsonObject o || o["type"] is null))
        {
            return false;
        }

        blocks = (JsonArray)array.DeepClone();
        return true;
    }

    private static string? Arg(JsonObject args, string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool? Flag(JsonObject args, string name) => args[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s == "true",
        _ => null,
    };

    private static JsonObject Ok(JsonObject result)
    {
        result["ok"] = true;
        return result;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };
}
