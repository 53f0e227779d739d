using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// Socket Mode: apps.connections.open (app token) hands out a single-use ws:// URL to <see cref="SocketPath"/>; each
/// connection gets "hello", then the test pushes envelopes and reads acks. See https://docs.slack.dev/apis/events-api/using-socket-mode.
/// </summary>
public sealed partial class SlackStandIn
{
    private const string SocketPath = "/socket-mode/link";
    private readonly HashSet<string> tickets = new(StringComparer.Ordinal);
    private readonly List<SocketModeConnection> sockets = [];

    /// <summary>Every connection the bot has made, in order (connected, disconnected or dropped).</summary>
    public IReadOnlyList<SocketModeConnection> SocketConnections { get { lock (gate) { return [.. sockets]; } } }

    /// <summary>Waits for the bot's <paramref name="number"/>th (1-based) Socket Mode connection; "hello" has been sent on it.</summary>
    public Task<SocketModeConnection> WaitForSocketAsync(int number = 1, TimeSpan? timeout = null) =>
        WaitForAsync(s => s.SocketConnections.Count >= number ? s.SocketConnections[number - 1] : null, timeout);

    private JsonObject ConnectionsOpen()
    {
        var ticket = NewId(16);
        tickets.Add(ticket);
        var url = new UriBuilder(BaseUrl) { Scheme = "ws", Path = SocketPath, Query = $"ticket={ticket}&app_id={AppId}" }.Uri;
        return Ok(new JsonObject { ["url"] = url.AbsoluteUri });
    }

    private async Task ServeSocketAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        bool valid;
        lock (gate)
        {
            valid = tickets.Remove(ticket);
        }

        if (!context.WebSockets.IsWebSocketRequest || !valid)
        {
            context.Response.StatusCode = valid ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new SocketModeConnection(socket, context.Abort, OnAck);
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = 1,
            ["debug_info"] = new JsonObject { ["host"] = "standin", ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = AppId },
        });
        lock (gate)
        {
            sockets.Add(connection);
            Signal();
        }

        await connection.RunAsync(context.RequestAborted);
        lock (gate)
        {
            Signal();
        }
    }

    private void OnAck()
    {
        lock (gate)
        {
            Signal();
        }
    }
}
