using System.Text.Json;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Teams.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsSignin.Hosting.Health;

/// <summary>
/// <c>/healthz</c> and <c>/healthz/live</c>: the process answers (no dependency is asked). <c>/healthz/ready</c>: the
/// store, Slack <c>auth.test</c>, the Teams token and STS; 503 with a JSON body naming what is down, never a secret.
/// </summary>
internal static class HealthExtensions
{
    private const string Ready = "ready";

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddSingleton<TeamsReadiness>();
        services.AddSingleton<StsReachability>();
        services.AddSingleton<SlackAuthCheck>();
        services.AddSingleton<TeamsTokenCheck>();
        services.AddSingleton<StsCheck>();
        services.AddHealthChecks()
            .AddCheck<StoreCheck>("store", tags: [Ready])
            .AddCheck<SlackAuthCheck>("slack", tags: [Ready])
            .AddCheck<TeamsTokenCheck>("teams", tags: [Ready])
            .AddCheck<StsCheck>("aws", tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok("ok"));
        app.MapGet("/healthz/live", () => TypedResults.Ok("ok"));
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(Ready),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    /// <summary><c>{"status":"unhealthy","checks":{"store":"down: …","slack":"ok","teams":"off","aws":"ok"}}</c>.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString().ToLowerInvariant(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Status.ToString().ToLowerInvariant()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
