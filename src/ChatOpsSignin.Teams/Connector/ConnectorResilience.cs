using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// Retry policy for Bot Connector calls, per the Teams guidance: 429 (honouring Retry-After), 412, 502, 503, 504 with
/// jittered exponential backoff, a few times. Never 400/401/403/404/413/500. A transport error is retried only for
/// idempotent methods, so a POST is not sent twice blindly.
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits.
/// </summary>
internal static class ConnectorResilience
{
    public static readonly HttpStatusCode[] Retryable =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        // Network waits are real time: see ReadResilience.
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: { } response } => Retryable.Contains(response.StatusCode),
                { Exception: HttpRequestException or TimeoutException } => IsIdempotent(args.Context.GetRequestMessage()),
                _ => false,
            }),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(15));
    }

    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Get || request?.Method == HttpMethod.Put || request?.Method == HttpMethod.Delete;
}
