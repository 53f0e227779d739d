using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>One bot connection to the stand-in's Socket Mode endpoint: push envelopes, read acks, disconnect or drop.</summary>
public sealed class SocketModeConnection
{
    private readonly WebSocket socket;
    private readonly Action abort;
    private readonly Action onAck;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> acks = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SocketModeConnection(WebSocket socket, Action abort, Action onAck)
    {
        this.socket = socket;
        this.abort = abort;
        this.onAck = onAck;
    }

    /// <summary>Completes when the socket is closed by either side or dropped.</summary>
    public Task Closed => closed.Task;

    public IReadOnlyDictionary<string, JsonObject> Acks { get { lock (gate) { return new Dictionary<string, JsonObject>(acks); } } }

    /// <summary>
    /// Sends an envelope (type slash_commands, interactive, events_api) and returns its envelope_id; pass
    /// <paramref name="envelopeId"/> to redeliver one, as Slack does when it saw no ack in time.
    /// </summary>
    public async Task<string> PushAsync(string type, JsonObject payload, bool acceptsResponsePayload = true, string? envelopeId = null)
    {
        envelopeId ??= Guid.NewGuid().ToString();
        await SendAsync(new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["payload"] = payload.DeepClone(),
            ["retry_attempt"] = 0,
            ["retry_reason"] = string.Empty,
        });
        return envelopeId;
    }

    public JsonObject? AckFor(string envelopeId)
    {
        lock (gate)
        {
            return acks.GetValueOrDefault(envelopeId);
        }
    }

    /// <summary>Slack's "please reconnect" message (reasons: warning, refresh_requested, link_disabled).</summary>
    public Task SendDisconnectAsync(string reason = "refresh_requested") => SendAsync(new JsonObject
    {
        ["type"] = "disconnect",
        ["reason"] = reason,
        ["debug_info"] = new JsonObject { ["host"] = "standin" },
    });

    /// <summary>Kills the TCP connection without a close handshake, like a network drop.</summary>
    public void Drop()
    {
        if (closed.TrySetResult())
        {
            abort();
        }
    }

    internal async Task SendAsync(JsonObject message)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                if (JsonNode.Parse(message.ToArray()) is JsonObject ack && ack["envelope_id"]?.GetValue<string>() is { } id)
                {
                    lock (gate)
                    {
                        acks[id] = ack;
                    }

                    onAck();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // A drop ends the connection like a close does; the bot is expected to reconnect.
            closed.TrySetResult();
        }
        finally
        {
            closed.TrySetResult();
        }
    }
}
