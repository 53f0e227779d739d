using System.Text.Json;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Slack.Directory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c>, the Events API over HTTP: size limit (413), v0 signature and replay guard (401, nothing
/// processed), then <c>url_verification</c> (echo the challenge) or an <c>event_callback</c> (the subteam events that
/// refresh a user group). Answered with 200 at once; Slack retries anything else.
/// See https://docs.slack.dev/apis/events-api/#receiving-events.
/// </summary>
internal sealed partial class SlackEventsEndpoint(
    SlackSignatureVerifier verifier,
    IReplayGuard replays,
    TimeProvider time,
    SubteamEvents subteams,
    IOptions<SlackOptions> options,
    ILogger<SlackEventsEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var check = verifier.Verify(
            request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body);
        if (check == SignatureCheck.Valid)
        {
            var now = time.GetUtcNow();
            var signature = request.Headers[SlackSignatureVerifier.SignatureHeader].ToString().Trim().ToLowerInvariant();
            if (!await replays.TryFirstSightingAsync("slack-signature:" + signature, now, now + (2 * SlackSignatureVerifier.Tolerance), context.RequestAborted))
            {
                check = SignatureCheck.Replayed;
            }
        }

        if (check != SignatureCheck.Valid)
        {
            Log.Unsigned(logger, check);
            return Results.Unauthorized();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type == "url_verification")
            {
                return root.TryGetProperty("challenge", out var challenge) && challenge.ValueKind == JsonValueKind.String
                    ? Results.Text(challenge.GetString(), "text/plain")
                    : Results.BadRequest();
            }

            if (type == "event_callback")
            {
                subteams.Handle(root);
                return Results.Ok();
            }

            return Results.BadRequest();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3410, Level = LogLevel.Warning, Message = "Slack event rejected: signature {Check}")]
        public static partial void Unsigned(ILogger logger, SignatureCheck check);
    }
}
