using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsSignin.Slack.SocketMode;

/// <summary>One Socket Mode WebSocket: whole text frames in, serialised sends out (a WebSocket allows one send at a time).</summary>
internal sealed class SocketSession(WebSocket socket) : IDisposable
{
    public const int MaxMessageBytes = 1024 * 1024;
    private readonly SemaphoreSlim sendLock = new(1, 1);

    /// <returns>The next text message, or null when the socket closed (or sent something too large).</returns>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, cancellationToken);
                return null;
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : string.Empty;
            }
        }
    }

    public async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, null, cancellationToken);
        }
    }

    public void Dispose() => sendLock.Dispose();
}
