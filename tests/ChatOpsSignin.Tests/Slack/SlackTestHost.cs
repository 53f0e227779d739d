using ChatOpsSignin.StandIns.Network;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Storage;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>
/// A real Kestrel host on loopback with only the Slack room (AddSlackRoom / MapSlackRoom), the real SQLite store (for the
/// replay check) and a recording broker in place of the core, so the edge is tested over HTTP and Socket Mode without AWS.
/// </summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    private readonly string database;

    private SlackTestHost(WebApplication app, RecordingBroker broker, Uri baseUrl, TimeProvider time, string database)
    {
        this.database = database;
        App = app;
        Broker = broker;
        BaseUrl = baseUrl;
        Time = time;
    }

    public WebApplication App { get; }

    public RecordingBroker Broker { get; }

    public Uri BaseUrl { get; }

    public TimeProvider Time { get; }

    /// <summary>Refuses outbound HTTP to anything but loopback; checked when the host is disposed.</summary>
    public LoopbackOnly Outbound { get; private init; } = null!;

    public static async Task<SlackTestHost> StartAsync(SlackStandIn standIn, TimeProvider time, IDictionary<string, string?>? overrides = null, bool socketMode = false)
    {
        var settings = SlackServices.Settings(standIn, socketMode);
        var database = Path.Combine(Path.GetTempPath(), $"slack-edge-{Guid.NewGuid():N}.db");
        settings["Storage:SqlitePath"] = database;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        var broker = new RecordingBroker();
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<ISigninBroker>(broker);
        var outbound = LoopbackOnly.AddTo(builder.Services);
        builder.Services.AddStorageRoom(builder.Configuration);
        builder.Services.AddSlackRoom(builder.Configuration);
        var app = builder.Build();
        app.MapSlackRoom();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackTestHost(app, broker, new Uri(address.TrimEnd('/') + "/"), time, database) { Outbound = outbound };
    }

    /// <summary>An HttpClient that signs like Slack with <paramref name="secret"/> (default: the configured one).</summary>
    public HttpClient SignedClient(string secret = SlackServices.SigningSecret, TimeSpan clockOffset = default) =>
        new(new SlackRequestSigner(secret, Time) { ClockOffset = clockOffset, InnerHandler = new HttpClientHandler() }) { BaseAddress = BaseUrl };

    public HttpClient UnsignedClient() => new() { BaseAddress = BaseUrl };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }

        Outbound.AssertNoneAttempted();
    }
}
