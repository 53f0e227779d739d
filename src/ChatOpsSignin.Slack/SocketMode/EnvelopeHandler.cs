using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Interactivity;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.SocketMode;

/// <summary>
/// Runs one Socket Mode envelope through the same handlers as HTTP and acks it by envelope_id; a slash command's ephemeral
/// reply rides in the ack's "payload" when Slack accepts one. Acked even when handling fails, so Slack does not retry.
/// </summary>
internal sealed partial class EnvelopeHandler(CommandHandler commands, InteractionHandler interactions, ILogger<EnvelopeHandler> logger)
{
    public async Task AckAsync(SocketSession session, JsonElement envelope, CancellationToken cancellationToken)
    {
        var envelopeId = String(envelope, "envelope_id")!;
        var type = String(envelope, "type");
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        try
        {
            var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
            if (type == "slash_commands" && SlashCommand.FromJson(payload) is { } command)
            {
                var reply = await commands.HandleAsync(command, cancellationToken);
                if (envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True)
                {
                    ack["payload"] = reply.ToEphemeral();
                }
            }
            else if (type == "interactive" && !await interactions.HandleAsync(payload, cancellationToken))
            {
                Log.Malformed(logger, envelopeId, type);
            }

            await session.SendAsync(ack, cancellationToken);
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
    }
}
