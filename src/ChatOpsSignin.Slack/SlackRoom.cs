using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.Slack.Directory;
using ChatOpsSignin.Slack.Identity;
using ChatOpsSignin.Slack.Inbound;
using ChatOpsSignin.Slack.Outbox;
using ChatOpsSignin.Slack.Interactivity;
using ChatOpsSignin.Slack.SocketMode;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack;

/// <summary>The Slack room's entry points: <c>services.AddSlackRoom(configuration)</c> and <c>app.MapSlackRoom()</c>.</summary>
public static class SlackRoom
{
    public const string CommandsPath = "/slack/commands";
    public const string InteractivityPath = "/slack/interactivity";
    public const string EventsPath = "/slack/events";

    public static IServiceCollection AddSlackRoom(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.Section);
        var snapshot = section.Get<SlackOptions>() ?? new SlackOptions();
        services.AddSingleton(new RoomStatus("Slack", snapshot.Enabled, Why(snapshot)));
        services.AddOptions<SlackOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        if (!snapshot.Enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        // The factory's default logging would write response_url addresses (capabilities) to the log: off for this client.
        services.AddHttpClient(SlackApiClient.HttpClientName)
            .RemoveAllLoggers()
            .AddResilienceHandler("slack-web-api", (pipeline, context) => SlackApiResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<ResponseUrlPolicy>();
        services.AddSingleton<HandleResolver>();
        services.AddSingleton<ResponseUrls>();
        services.AddSingleton<ResponseUrlOutbox>();
        services.AddHostedService<ResponseUrlSender>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<BreakGlassAcknowledger>();
        services.AddSingleton<IChatDelivery, SlackDelivery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ChatOpsSignin.Core.Policy.IDirectory, SlackDirectory>());
        services.TryAddSingleton<ChatOpsSignin.Core.Policy.DirectoryLookup>();
        services.AddSingleton<SubteamEvents>();
        if (snapshot.HttpEndpointsEnabled)
        {
            services.AddSingleton(sp => new SlackSignatureVerifier(
                sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<SlackHttpEndpoints>();
            services.AddSingleton<SlackEventsEndpoint>();
        }

        if (snapshot.SocketModeEnabled)
        {
            services.AddSingleton<EnvelopeHandler>();
            services.AddHostedService<SocketModeService>();
        }

        return services;
    }

    /// <summary>
    /// Maps <c>POST /slack/commands</c> and <c>POST /slack/interactivity</c> only when Slack is on with a signing secret:
    /// without one, the endpoints do not exist (never fail-open).
    /// </summary>
    public static IEndpointRouteBuilder MapSlackRoom(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<SlackHttpEndpoints>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost(CommandsPath, (HttpContext context, SlackHttpEndpoints slack) => slack.CommandAsync(context)).DisableAntiforgery();
        endpoints.MapPost(InteractivityPath, (HttpContext context, SlackHttpEndpoints slack) => slack.InteractivityAsync(context)).DisableAntiforgery();
        endpoints.MapPost(EventsPath, (HttpContext context, SlackEventsEndpoint events) => events.HandleAsync(context)).DisableAntiforgery();
        return endpoints;
    }

    private static string Why(SlackOptions options)
    {
        if (!options.Enabled)
        {
            return string.IsNullOrWhiteSpace(options.SigningSecret) && string.IsNullOrWhiteSpace(options.AppToken)
                ? "off: Slack:BotToken is empty"
                : "off: Slack:BotToken is empty (Slack:SigningSecret / Slack:AppToken are ignored without it)";
        }

        var http = options.HttpEndpointsEnabled
            ? $"HTTP endpoints {CommandsPath}, {InteractivityPath} and {EventsPath} (signed requests only)"
            : "HTTP endpoints NOT mapped because Slack:SigningSecret is empty";
        var socket = options.SocketModeEnabled ? "Socket Mode on (Slack:AppToken)" : "Socket Mode off";
        return $"on: {http}; {socket}; Web API {options.ApiBaseUri}";
    }
}
