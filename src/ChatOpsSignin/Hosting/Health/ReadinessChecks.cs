using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Slack.WebApi;
using ChatOpsSignin.Teams.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Hosting.Health;

/// <summary>
/// The store answers a cheap query (never cached: readiness must turn as soon as it is back). A store that cannot be
/// read means nothing can be recorded, so the edges refuse with 503 too.
/// </summary>
internal sealed class StoreCheck(IWorkStore work, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await work.CountDueAsync(time.GetUtcNow(), deadline.Token);
            return HealthCheckResult.Healthy("ok");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("down: no answer within 3 s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: a driver's message may name the file or the server.
            return HealthCheckResult.Unhealthy("down: " + e.GetType().Name);
        }
    }
}

/// <summary>Slack <c>auth.test</c> with the bot token, when Slack is on.</summary>
internal sealed class SlackAuthCheck(IServiceProvider services, IOptions<SlackOptions> options, TimeProvider time) : CachedHealthCheck(time)
{
    protected override async Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return (true, "off");
        }

        try
        {
            await services.GetRequiredService<SlackApiClient>().AuthTestAsync(cancellationToken);
            return (true, "ok");
        }
        catch (SlackApiException e)
        {
            return (false, "down: " + e.Error);
        }
        catch (HttpRequestException)
        {
            return (false, "down: unreachable");
        }
    }
}

internal sealed class TeamsTokenCheck(TeamsReadiness teams, TimeProvider time) : CachedHealthCheck(time)
{
    protected override Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken) => teams.ProbeAsync(cancellationToken);
}

internal sealed class StsCheck(StsReachability sts, TimeProvider time) : CachedHealthCheck(time)
{
    protected override Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken) => sts.ProbeAsync(cancellationToken);
}
