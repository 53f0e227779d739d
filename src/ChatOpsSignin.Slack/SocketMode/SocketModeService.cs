using System.Net.WebSockets;
using System.Text.Json;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack.SocketMode;

/// <summary>
/// Socket Mode: apps.connections.open (app token), connect, ack every envelope by envelope_id within 3 s (slash commands
/// with their ephemeral reply as "payload"), reconnect at once on "disconnect" and with jittered backoff after a drop.
/// The same command and interaction handlers as the HTTP endpoints. See https://docs.slack.dev/apis/events-api/using-socket-mode.
/// </summary>
internal sealed partial class SocketModeService(
    SlackApiClient api,
    EnvelopeHandler envelopes,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var end = SessionEnd.Failed;
            try
            {
                end = await RunSessionAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.SessionFailed(logger, e.GetType().Name, e is SlackApiException s ? s.Error : null);
            }

            if (end == SessionEnd.Disconnected)
            {
                failures = 0;
                continue;
            }

            failures = end == SessionEnd.DroppedAfterHello ? 0 : failures + 1;
            var delay = ReconnectBackoff.Delay(failures, options.Value.SocketReconnectMinDelay, options.Value.SocketReconnectMaxDelay, Random.Shared.NextDouble());
            Log.Reconnecting(logger, delay);
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    private async Task<SessionEnd> RunSessionAsync(CancellationToken cancellationToken)
    {
        var url = await api.OpenSocketConnectionAsync(cancellationToken);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, cancellationToken);
        using var session = new SocketSession(socket);
        var pending = new List<Task>();
        var hello = false;
        try
        {
            while (await session.ReceiveAsync(cancellationToken) is { } text)
            {
                pending.RemoveAll(t => t.IsCompleted);
                using var message = ParseJson(text);
                if (message is null || message.RootElement.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var root = message.RootElement;
                switch (String(root, "type"))
                {
                    case "hello":
                        hello = true;
                        Log.Connected(logger);
                        break;
                    case "disconnect":
                        var reason = String(root, "reason");
                        Log.DisconnectRequested(logger, reason);
                        await session.CloseAsync(WebSocketCloseStatus.NormalClosure, cancellationToken);
                        return SessionEnd.Disconnected;
                    default:
                        if (String(root, "envelope_id") is { Length: > 0 })
                        {
                            pending.Add(envelopes.AckAsync(session, root.Clone(), cancellationToken));
                        }

                        break;
                }
            }

            return hello ? SessionEnd.DroppedAfterHello : SessionEnd.Failed;
        }
        catch (WebSocketException e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Dropped(logger, e.WebSocketErrorCode);
            return hello ? SessionEnd.DroppedAfterHello : SessionEnd.Failed;
        }
        finally
        {
            await Task.WhenAll(pending);
        }
    }

    private static JsonDocument? ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private enum SessionEnd
    {
        Failed,
        DroppedAfterHello,
        Disconnected,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
        public static partial void Connected(ILogger logger);

        [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Slack asked to reconnect ({Reason})")]
        public static partial void DisconnectRequested(ILogger logger, string? reason);

        [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "Slack Socket Mode session failed: {Error} {Code}")]
        public static partial void SessionFailed(ILogger logger, string error, string? code);

        [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Slack Socket Mode reconnecting in {Delay}")]
        public static partial void Reconnecting(ILogger logger, TimeSpan delay);

        [LoggerMessage(EventId = 3607, Level = LogLevel.Warning, Message = "Slack Socket Mode connection dropped: {Error}")]
        public static partial void Dropped(ILogger logger, WebSocketError error);
    }
}
