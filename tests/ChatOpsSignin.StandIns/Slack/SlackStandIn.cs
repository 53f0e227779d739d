using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.StandIns.Slack;

/// <summary>
/// Loopback stand-in for Slack, on 127.0.0.1 with a free port: the Web API under <see cref="ApiBaseUrl"/>
/// (Bearer tokens checked, <c>ok:false</c> errors as Slack shapes them, injected 429s and 5xx), response_url endpoints
/// (<c>/respond/{id}</c>: JSON only, 5 uses, 30 minutes of the injected clock) and a Socket Mode WebSocket reached through
/// <c>apps.connections.open</c> (single-use tickets, hello on connect, envelopes pushed by the test, acks recorded).
/// </summary>
public sealed partial class SlackStandIn : IAsyncDisposable
{
    public const string BotToken = "xoxb-0000000001-standin-bot-token";
    public const string AppToken = "xapp-1-A0STANDIN-standin-app-token";
    public const string TeamId = "T0STANDIN";
    public const string AppId = "A0STANDIN";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly TimeProvider time;
    private ListenOptions listener = null!;
    private TaskCompletionSource changed = NewSignal();

    private SlackStandIn(TimeProvider time)
    {
        this.time = time;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listener = listen));
        app = builder.Build();
        app.UseWebSockets();
        app.Run(DispatchAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Point <c>Slack:ApiBaseUrl</c> here.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public static async Task<SlackStandIn> StartAsync(TimeProvider? time = null)
    {
        var standIn = new SlackStandIn(time ?? TimeProvider.System);
        await standIn.app.StartAsync();
        standIn.BaseUrl = new Uri($"http://127.0.0.1:{standIn.listener.IPEndPoint!.Port}/");
        return standIn;
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value (checked after every call, post or ack the stand-in records).
    /// Throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 10 s).
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<SlackStandIn, T?> probe, TimeSpan? timeout = null)
        where T : class
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task signal;
            lock (gate)
            {
                signal = changed.Task;
            }

            if (probe(this) is { } found)
            {
                return found;
            }

            try
            {
                await signal.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new TimeoutException("The Slack stand-in did not see what the test waited for.", e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in SocketConnections)
        {
            connection.Drop();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Call inside <see cref="gate"/> after recording something: wakes every <see cref="WaitForAsync{T}"/>.</summary>
    private void Signal()
    {
        var old = changed;
        changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string NewId(int bytes = 12) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return ServeApiAsync(context, path["/api/".Length..]);
        }

        if (path.StartsWith("/respond/", StringComparison.Ordinal))
        {
            return ServeResponseUrlAsync(context, path["/respond/".Length..]);
        }

        if (path == SocketPath)
        {
            return ServeSocketAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
