using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Hosting;

/// <summary>The Teams room's typed HTTP clients, one resilience layer each.</summary>
internal static class TeamsHttpClients
{
    public static IServiceCollection AddTeamsHttpClients(this IServiceCollection services)
    {
        services.AddHttpClient(BotFrameworkTokenValidator.HttpClientName).AddResilienceHandler("teams-metadata", ReadResilience.Configure);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName).AddResilienceHandler("teams-token", ReadResilience.Configure);
        services.AddHttpClient(BotConnectorClient.HttpClientName).AddResilienceHandler("teams-connector", (pipeline, context) =>
            ConnectorResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value.ConnectorTimeout));
        services.AddHttpClient(ChatOpsSignin.Teams.Directory.EntraDirectory.HttpClientName).AddResilienceHandler("teams-graph", ReadResilience.Configure);
        return services;
    }
}
