using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// Retry policy for Bot Connector calls, per the Teams guidance: 429 (honouring Retry-After) and 412 are retried for
/// every call, since the connector did not act on them. 502/503/504, transport errors and timeouts are retried only
/// for idempotent calls (GET, PUT, DELETE): a gateway error on a POST that creates a message or a conversation may
/// mean it was delivered, and posting it again would put a second copy in chat. Never 400/401/403/404/413/500.
/// Delays and timeouts run on the real clock, never on an injected fake one (see <see cref="ReadResilience"/>).
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits.
/// </summary>
internal static class ConnectorResilience
{
    /// <summary>Statuses that say the connector did not act on the call: safe to send again, whatever the method.</summary>
    public static readonly HttpStatusCode[] NotActedOn = [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed];

    /// <summary>Gateway statuses: the call may or may not have been carried out.</summary>
    public static readonly HttpStatusCode[] OutcomeUnknown = [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan attemptTimeout)
    {
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
        });
        pipeline.AddTimeout(attemptTimeout);
    }

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) => outcome switch
    {
        { Result: { } response } when NotActedOn.Contains(response.StatusCode) => true,
        { Result: { } response } => OutcomeUnknown.Contains(response.StatusCode) && IsIdempotent(request?.Method),
        { Exception: HttpRequestException or TimeoutRejectedException } => IsIdempotent(request?.Method),
        _ => false,
    };

    public static bool IsIdempotent(HttpMethod? method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;
}
