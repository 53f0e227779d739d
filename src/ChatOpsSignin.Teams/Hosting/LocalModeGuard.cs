using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Teams.Hosting;

/// <summary>
/// Local mode (<c>Teams:AllowUnauthenticatedLocalClient</c>) turns inbound token checks off, so it runs only in the
/// Development environment, and the host must be unreachable from other machines: before start, ASPNETCORE_URLS / urls
/// must name loopback only; after the server bound, every address it reports must be loopback. Loopback alone is not
/// enough (a reverse proxy or sidecar makes it reachable), hence the environment check; a set Teams:AppPassword is
/// refused by <see cref="TeamsOptionsValidator"/>. Otherwise start-up fails.
/// </summary>
internal sealed partial class LocalModeGuard(
    IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger<LocalModeGuard> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Log.LocalMode(logger);
        if (!environment.IsDevelopment())
        {
            Log.RefusedEnvironment(logger, environment.EnvironmentName);
            throw new InvalidOperationException(
                $"Teams:AllowUnauthenticatedLocalClient=true turns off inbound token checks, so it runs only in the Development environment, " +
                $"but the host environment is '{environment.EnvironmentName}'. Set ASPNETCORE_ENVIRONMENT=Development on a developer machine, or turn local mode off.");
        }

        var configured = LoopbackAddresses.Split(configuration["urls"])
            .Concat(LoopbackAddresses.Split(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")));
        if (!string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            throw Refusal("http_ports/https_ports (all interfaces)");
        }

        return LoopbackAddresses.AllLoopback(configured, out var offender) ? Task.CompletedTask : throw Refusal(offender!);
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return LoopbackAddresses.AllLoopback(addresses, out var offender) ? Task.CompletedTask : throw Refusal(offender!);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private InvalidOperationException Refusal(string address)
    {
        Log.Refused(logger, address);
        return new InvalidOperationException(
            $"Teams:AllowUnauthenticatedLocalClient=true turns off inbound token checks, so the host must listen on loopback only " +
            $"(127.0.0.1, [::1] or localhost), but it is bound to '{address}'. Set ASPNETCORE_URLS=http://127.0.0.1:3978 or turn local mode off.");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Teams LOCAL MODE: inbound Bot Framework tokens are NOT checked (Teams:AllowUnauthenticatedLocalClient=true). For the Microsoft 365 Agents Playground only; never in production.")]
        public static partial void LocalMode(ILogger logger);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Teams local mode refuses to run on the non-loopback address {Address}")]
        public static partial void Refused(ILogger logger, string address);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Teams local mode refuses to run in the {Environment} environment (Development only)")]
        public static partial void RefusedEnvironment(ILogger logger, string environment);
    }
}
