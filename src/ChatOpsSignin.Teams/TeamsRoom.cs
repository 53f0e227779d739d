using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Teams.Approvals;
using ChatOpsSignin.Teams.Commands;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using ChatOpsSignin.Teams.Directory;
using ChatOpsSignin.Teams.Hosting;
using ChatOpsSignin.Teams.Identity;
using ChatOpsSignin.Teams.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams;

/// <summary>The Teams room's entry points: <c>services.AddTeamsRoom(configuration)</c> and <c>app.MapTeamsRoom()</c>.</summary>
public static class TeamsRoom
{
    public const string MessagesPath = "/api/messages";

    public static IServiceCollection AddTeamsRoom(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TeamsOptions.Section);
        var snapshot = section.Get<TeamsOptions>() ?? new TeamsOptions();
        services.AddSingleton(new RoomStatus("Teams", snapshot.Enabled, Why(snapshot)));
        services.AddOptions<TeamsOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        if (!snapshot.Enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddTeamsHttpClients();
        services.AddSingleton<BotFrameworkTokenValidator>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<HandleResolver>();
        services.AddSingleton<ApproverLookup>();
        services.AddSingleton<ApprovalClickHandler>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddSingleton<IChatDelivery, TeamsDelivery>();
        services.AddSingleton<GraphTokenProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ChatOpsSignin.Core.Policy.IDirectory, EntraDirectory>());
        if (snapshot.AllowUnauthenticatedLocalClient)
        {
            services.AddHostedService<LocalModeGuard>();
        }

        return services;
    }

    /// <summary>Maps <c>POST /api/messages</c> when Teams is on.</summary>
    public static IEndpointRouteBuilder MapTeamsRoom(this IEndpointRouteBuilder endpoints)
    {
        // IsService does not build the graph, so options errors surface from ValidateOnStart, not from here.
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(MessagesEndpoint)) != true)
        {
            return endpoints;
        }

        endpoints.MapPost(MessagesPath, (HttpContext context, MessagesEndpoint messages) => messages.HandleAsync(context))
            .DisableAntiforgery();
        return endpoints;
    }

    private static string Why(TeamsOptions options) => options switch
    {
        { AllowUnauthenticatedLocalClient: true } =>
            "on in LOCAL MODE for the Microsoft 365 Agents Playground: inbound tokens are not checked; loopback binding only",
        { Enabled: true } => $"on: Bot Framework app {options.AppId} in tenant {options.TenantId}",
        _ => "off: Teams:AppId is empty",
    };
}
