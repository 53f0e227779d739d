using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// Resilience for the idempotent identity calls: OpenID metadata and JWKS (GET) and the client-credentials token
/// endpoint (a second token is harmless). Transient failures (5xx, 408, 429, transport errors, timeouts) are retried
/// with jittered backoff, honouring Retry-After, each attempt bounded.
/// The pipeline runs on <see cref="TimeProvider.System"/> on purpose: its waits are network waits. Polly otherwise
/// takes the TimeProvider from DI, which tests replace with a fake clock; a retry delay then never ended and the
/// pipeline's dispose (which polls for in-flight calls with that clock) hung the host (issue 8).
/// </summary>
internal static class ReadResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(TotalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(10),
            ShouldRetryAfterHeader = true,
        });
        pipeline.AddTimeout(AttemptTimeout);
    }
}
