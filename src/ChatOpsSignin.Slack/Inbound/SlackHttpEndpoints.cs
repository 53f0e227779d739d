using System.Text;
using System.Text.Json;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Interactivity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack.Inbound;

/// <summary>
/// <c>POST /slack/commands</c> and <c>POST /slack/interactivity</c>: size limit (413), v0 signature over the raw body
/// (401, nothing processed; a replay of an accepted request too), form / payload parsing (400, nothing issued), then the shared handlers, answered at once.
/// An accepted command's work starts once its ack has been sent.
/// </summary>
internal sealed partial class SlackHttpEndpoints(
    SlackSignatureVerifier verifier,
    IReplayGuard replays,
    TimeProvider time,
    CommandHandler commands,
    InteractionHandler interactions,
    IOptions<SlackOptions> options,
    ILogger<SlackHttpEndpoints> logger)
{
    public Task<IResult> CommandAsync(HttpContext context) => OrUnavailableAsync(context, CommandCoreAsync);

    public Task<IResult> InteractivityAsync(HttpContext context) => OrUnavailableAsync(context, InteractivityCoreAsync);

    /// <summary>
    /// Nothing could be recorded (the store is down, most likely: the replay guard, the front door and decisions all
    /// write to it): 503 and a short "try again", never a 200 that would promise an answer. Expected "no"s are values,
    /// so anything thrown here means the request was not taken.
    /// </summary>
    private async Task<IResult> OrUnavailableAsync(HttpContext context, Func<HttpContext, Task<IResult>> handle)
    {
        try
        {
            return await handle(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Unavailable(logger, e, context.Request.Path);
            return Results.Text(ChatNotices.Unavailable, "text/plain", Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task<IResult> CommandCoreAsync(HttpContext context)
    {
        var (rejected, form) = await ReadVerifiedFormAsync(context);
        if (rejected is not null)
        {
            return rejected;
        }

        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            return Results.Ok();
        }

        if (SlashCommand.FromForm(form) is not { } command)
        {
            Log.Malformed(logger, "command without team_id or user_id");
            return Results.BadRequest();
        }

        var reply = await commands.HandleAsync(command, ResponseSent(context), context.RequestAborted);
        return Results.Content(reply.ToEphemeral().ToJsonString(), "application/json", Encoding.UTF8);
    }

    private async Task<IResult> InteractivityCoreAsync(HttpContext context)
    {
        var (rejected, form) = await ReadVerifiedFormAsync(context);
        if (rejected is not null)
        {
            return rejected;
        }

        if (!form.TryGetValue("payload", out var payloadJson))
        {
            Log.Malformed(logger, "no payload field");
            return Results.BadRequest();
        }

        using var payload = ParseJson(payloadJson);
        if (payload is not null && await interactions.HandleAsync(payload.RootElement, context.RequestAborted))
        {
            return Results.Ok();
        }

        Log.Malformed(logger, "payload is not a block_actions payload");
        return Results.BadRequest();
    }

    /// <summary>
    /// A signature covers timestamp and body, so it names one request. It is remembered in its canonical spelling
    /// (lower-case hex: the verifier accepts any case, so a re-cased copy must not count as new) until the timestamp
    /// leaves the tolerance window on either side, in the shared store so replicas agree; the second sighting is refused.
    /// </summary>
    private Task<bool> FirstSightingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var signature = request.Headers[SlackSignatureVerifier.SignatureHeader].ToString().Trim().ToLowerInvariant();
        return replays.TryFirstSightingAsync("slack-signature:" + signature, now, now + (2 * SlackSignatureVerifier.Tolerance), cancellationToken);
    }

    private async Task<(IResult? Rejected, Dictionary<string, string> Form)> ReadVerifiedFormAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            Log.TooLarge(logger, options.Value.MaxBodyBytes);
            return (Results.StatusCode(StatusCodes.Status413PayloadTooLarge), []);
        }

        var check = verifier.Verify(
            request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body);
        if (check == SignatureCheck.Valid && !await FirstSightingAsync(request, context.RequestAborted))
        {
            check = SignatureCheck.Replayed;
        }

        if (check != SignatureCheck.Valid)
        {
            Log.Unsigned(logger, request.Path, check);
            return (Results.Unauthorized(), []);
        }

        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
        {
            Log.Malformed(logger, "not application/x-www-form-urlencoded");
            return (Results.BadRequest(), []);
        }

        try
        {
            using var reader = new FormReader(Encoding.UTF8.GetString(body));
            var fields = await reader.ReadFormAsync(context.RequestAborted);
            return (null, fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
        }
        catch (InvalidDataException)
        {
            Log.Malformed(logger, "form cannot be read");
            return (Results.BadRequest(), []);
        }
    }

    /// <summary>Completes once the response has gone out (or the request ended without one).</summary>
    private static Task ResponseSent(HttpContext context)
    {
        var sent = new TaskCompletionSource();
        context.Response.OnCompleted(static state =>
        {
            ((TaskCompletionSource)state).TrySetResult();
            return Task.CompletedTask;
        }, sent);
        return sent.Task;
    }

    private static JsonDocument? ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Slack request to {Path} rejected: signature {Check}")]
        public static partial void Unsigned(ILogger logger, PathString path, SignatureCheck check);

        [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Slack request rejected: body over {MaxBytes} bytes")]
        public static partial void TooLarge(ILogger logger, int maxBytes);

        [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Signed Slack request refused: {Problem}")]
        public static partial void Malformed(ILogger logger, string problem);

        [LoggerMessage(EventId = 3404, Level = LogLevel.Error, Message = "Slack request to {Path} could not be recorded; answered 503")]
        public static partial void Unavailable(ILogger logger, Exception exception, PathString path);
    }
}
