using ChatOpsSignin.StandIns.Network;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.StandIns.Teams;
using ChatOpsSignin.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>
/// A real Kestrel host on loopback with only the Teams room and an in-test broker, wired to the Bot Framework identity
/// and Bot Connector stand-ins. Every call goes over HTTP.
/// </summary>
internal sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "app-id";
    public const string AppPassword = "s3cret-password";

    /// <summary>Every wait in these tests is bounded: a hang fails the test instead of stalling the run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TeamsTestHost(WebApplication app, BotFrameworkIdentityStandIn? identity, BotConnectorStandIn connector, RecordingBroker broker)
    {
        App = app;
        Identity = identity;
        Connector = connector;
        Broker = broker;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        MessagesUrl = new Uri(address.TrimEnd('/') + TeamsRoom.MessagesPath);
    }

    public WebApplication App { get; }

    public BotFrameworkIdentityStandIn? Identity { get; }

    public BotConnectorStandIn Connector { get; }

    public RecordingBroker Broker { get; }

    public Uri MessagesUrl { get; }

    /// <summary>Refuses outbound HTTP to anything but loopback; checked when the host is disposed.</summary>
    public LoopbackOnly Outbound { get; private init; } = null!;

    public HttpClient Http { get; } = new() { Timeout = Patience };

    /// <summary>Everything the bot logged (in memory).</summary>
    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Normal mode: tokens checked against the identity stand-in; the connector stand-in wants bearer tokens.</summary>
    public static async Task<TeamsTestHost> StartAsync(TimeProvider time, Dictionary<string, string?>? extra = null)
    {
        var identity = await BotFrameworkIdentityStandIn.StartAsync(time);
        identity.RegisterClient(AppId, AppPassword);
        var connector = await BotConnectorStandIn.StartAsync(identity);
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = AppPassword,
            ["Teams:TenantId"] = TestActivities.Tenant,
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = identity.EntraMetadataUrl,
            ["Teams:TokenEndpoint"] = identity.TokenEndpoint,
            ["Teams:AllowedServiceUrlHosts:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await StartAsync(time, settings, identity, connector);
    }

    /// <summary>Local (playground) mode: no token checks, connector without tokens. Allowed only in Development.</summary>
    public static async Task<TeamsTestHost> StartLocalAsync(
        TimeProvider time, string urls = "http://127.0.0.1:0", string environment = "Development", Dictionary<string, string?>? extra = null)
    {
        var connector = await BotConnectorStandIn.StartAsync(identity: null);
        var settings = new Dictionary<string, string?> { ["Teams:AllowUnauthenticatedLocalClient"] = "true" };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await StartAsync(time, settings, null, connector, urls, environment);
    }

    public static async Task<TeamsTestHost> StartAsync(
        TimeProvider time,
        Dictionary<string, string?> settings,
        BotFrameworkIdentityStandIn? identity,
        BotConnectorStandIn connector,
        string urls = "http://127.0.0.1:0",
        string environment = "Production")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        if (Environment.GetEnvironmentVariable("TEAMS_TEST_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        var broker = new RecordingBroker();
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<ISigninBroker>(broker);
        var outbound = LoopbackOnly.AddTo(builder.Services);
        builder.Services.AddTeamsRoom(builder.Configuration);
        var app = builder.Build();
        app.MapTeamsRoom();
        try
        {
            await app.StartAsync().WaitAsync(Patience);
        }
        catch
        {
            await Bounded(app.DisposeAsync(), "the refused host");
            await Bounded(connector.DisposeAsync(), "the connector stand-in");
            if (identity is not null)
            {
                await Bounded(identity.DisposeAsync(), "the identity stand-in");
            }

            throw;
        }

        return new TeamsTestHost(app, identity, connector, broker) { Outbound = outbound };
    }

    /// <summary>Posts an activity; <paramref name="token"/> null sends no Authorization header.</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUrl) { Content = JsonContent.Create(activity) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A valid channel token for an activity to this host.</summary>
    public string TokenFor(JsonObject activity) => Identity!.MintChannelToken(AppId, activity["serviceUrl"]!.GetValue<string>());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Bounded(new ValueTask(App.StopAsync()), "stopping the bot host");
        await Bounded(App.DisposeAsync(), "disposing the bot host (an HTTP call still in flight?)");
        await Bounded(Connector.DisposeAsync(), "the connector stand-in");
        if (Identity is not null)
        {
            await Bounded(Identity.DisposeAsync(), "the identity stand-in");
        }

        Outbound.AssertNoneAttempted();
    }

    /// <summary>Dispose with a deadline on the real clock, so a stuck shutdown fails the test with a reason.</summary>
    private static async Task Bounded(ValueTask dispose, string what)
    {
        try
        {
            await dispose.AsTask().WaitAsync(Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Gave up after {Patience.TotalSeconds} s: {what} did not finish.", e);
        }
    }
}
