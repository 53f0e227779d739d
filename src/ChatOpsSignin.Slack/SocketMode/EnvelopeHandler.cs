using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Directory;
using ChatOpsSignin.Slack.Interactivity;
using ChatOpsSignin.Slack.Outbox;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.SocketMode;

/// <summary>
/// One Socket Mode envelope: acked by envelope_id at once, before any work (Slack redelivers an envelope it sees no ack
/// for), then dropped if its envelope_id was handled already (a redelivery, possibly to another replica), then run
/// through the same handlers as HTTP. A slash command's reply goes to its response_url, since the ack has left.
/// </summary>
internal sealed partial class EnvelopeHandler(
    CommandHandler commands,
    InteractionHandler interactions,
    IReplayGuard replays,
    ResponseUrlOutbox outbox,
    SubteamEvents subteams,
    TimeProvider time,
    ILogger<EnvelopeHandler> logger)
{
    /// <summary>Slack retries an unacknowledged envelope for a few minutes; remember ids well past that.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    public async Task AckAsync(SocketSession session, JsonElement envelope, CancellationToken cancellationToken)
    {
        var envelopeId = String(envelope, "envelope_id")!;
        var type = String(envelope, "type");
        try
        {
            await session.SendAsync(new JsonObject { ["envelope_id"] = envelopeId }, cancellationToken);
            var now = time.GetUtcNow();
            if (!await replays.TryFirstSightingAsync("slack-envelope:" + envelopeId, now, now + DuplicateWindow, cancellationToken))
            {
                Log.Duplicate(logger, envelopeId, type);
                return;
            }

            var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
            if (type == "slash_commands" && SlashCommand.FromJson(payload) is { } command)
            {
                var reply = await commands.HandleAsync(command, cancellationToken);
                if (command.ResponseUrl is { } responseUrl)
                {
                    outbox.Post(responseUrl, reply.ToEphemeral());
                }
            }
            else if (type == "events_api")
            {
                subteams.Handle(payload);
            }
            else if (type == "interactive" && !await interactions.HandleAsync(payload, cancellationToken))
            {
                Log.Malformed(logger, envelopeId, type);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.EnvelopeFailed(logger, envelopeId, type, e.GetType().Name);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "Socket Mode envelope {EnvelopeId} ({Type}) failed: {Error}")]
        public static partial void EnvelopeFailed(ILogger logger, string envelopeId, string? type, string error);

        [LoggerMessage(EventId = 3606, Level = LogLevel.Warning, Message = "Socket Mode envelope {EnvelopeId} ({Type}) had a malformed payload")]
        public static partial void Malformed(ILogger logger, string envelopeId, string? type);

        [LoggerMessage(EventId = 3607, Level = LogLevel.Information, Message = "Socket Mode envelope {EnvelopeId} ({Type}) was delivered again; dropped")]
        public static partial void Duplicate(ILogger logger, string envelopeId, string? type);
    }
}
