using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// response_url endpoints: JSON bodies with text or blocks, at most 5 posts within 30 minutes of issue (by the injected clock).
/// See https://docs.slack.dev/interactivity/handling-user-interaction.
/// </summary>
public sealed partial class SlackStandIn
{
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);
    public const int ResponseUrlMaxUses = 5;

    private readonly Dictionary<string, DateTimeOffset> responseUrls = new(StringComparer.Ordinal);
    private readonly List<SlackResponsePost> responsePosts = [];

    public IReadOnlyList<SlackResponsePost> ResponsePosts { get { lock (gate) { return [.. responsePosts]; } } }

    /// <summary>A fresh response_url, as Slack puts in a slash command or interaction payload.</summary>
    public Uri NewResponseUrl()
    {
        var id = NewId();
        lock (gate)
        {
            responseUrls[id] = time.GetUtcNow();
        }

        return new Uri(BaseUrl, $"respond/{id}");
    }

    public IReadOnlyList<SlackResponsePost> ResponsesTo(Uri responseUrl) =>
        ResponsePosts.Where(p => responseUrl.AbsolutePath.EndsWith("/" + p.ResponseUrlId, StringComparison.Ordinal)).ToList();

    private async Task ServeResponseUrlAsync(HttpContext context, string id)
    {
        JsonObject? body = null;
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        string? error;
        lock (gate)
        {
            error = !responseUrls.TryGetValue(id, out var issued) || time.GetUtcNow() - issued > ResponseUrlLifetime ? "expired_url"
                : responsePosts.Count(p => p.ResponseUrlId == id) >= ResponseUrlMaxUses ? "used_url"
                : body is null ? "invalid_payload"
                : body["text"] is null && body["blocks"] is null ? "no_text"
                : null;
            if (error is null)
            {
                responsePosts.Add(new SlackResponsePost(id, body!));
                Signal();
            }
        }

        context.Response.StatusCode = error switch
        {
            null => StatusCodes.Status200OK,
            "expired_url" or "used_url" => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        await context.Response.WriteAsync(error ?? "ok");
    }
}
