using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsSignin.Hosting.Health;

/// <summary>
/// A readiness check that calls out (Slack, the token endpoint, STS): the answer is kept 30 s (10 s when down), so
/// probes every few seconds from several load balancers do not hammer the service, and one probe at a time calls.
/// </summary>
internal abstract class CachedHealthCheck(TimeProvider time) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan KeepOk = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KeepDown = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset Until)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (last is { } hit && time.GetUtcNow() < hit.Until)
        {
            return hit.Result;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (last is { } again && time.GetUtcNow() < again.Until)
            {
                return again.Result;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Deadline);
            HealthCheckResult result;
            try
            {
                var (ready, detail) = await ProbeAsync(deadline.Token);
                result = ready ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = HealthCheckResult.Unhealthy("down: no answer within 5 s");
            }

            last = (result, time.GetUtcNow() + (result.Status == HealthStatus.Healthy ? KeepOk : KeepDown));
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    protected abstract Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken);
}
