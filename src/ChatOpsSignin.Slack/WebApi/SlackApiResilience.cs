using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Slack.WebApi;

/// <summary>
/// One retry layer for Slack calls: 429 honours <c>Retry-After</c> (plus jitter) a bounded number of times and only if the
/// wait is within <see cref="SlackOptions.RateLimitMaxWait"/>; 5xx and transport errors are retried only for calls marked
/// idempotent, so <c>chat.postMessage</c> and response_url posts are never sent twice blindly.
/// See https://docs.slack.dev/apis/web-api/rate-limits.
/// </summary>
internal static class SlackApiResilience
{
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("slack-idempotent");
    private static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(1);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SlackOptions options, TimeProvider time)
    {
        pipeline.TimeProvider = time;
        if (options.RateLimitMaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RateLimitMaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = options.RateLimitMaxWait + MaxJitter,
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(
                    RetryAfter(args.Outcome.Result) is { } wait ? wait + MaxJitter * Random.Shared.NextDouble() : (TimeSpan?)null),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result.StatusCode: HttpStatusCode.TooManyRequests } => (RetryAfter(args.Outcome.Result) ?? TimeSpan.Zero) <= options.RateLimitMaxWait,
                    { Result: { } response } => (int)response.StatusCode >= 500 && IsIdempotent(args.Context.GetRequestMessage()),
                    { Exception: HttpRequestException or TimeoutRejectedException } => IsIdempotent(args.Context.GetRequestMessage()),
                    _ => false,
                }),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(15));
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        _ => null,
    };

    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent;
}
