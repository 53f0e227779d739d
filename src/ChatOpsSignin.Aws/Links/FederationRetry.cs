using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Links;

/// <summary>getSigninToken is an idempotent GET: retry 5xx, connection failures and timeouts; never a 4xx (it cannot succeed).</summary>
internal static class FederationRetry
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome.Exception is not null
        ? outcome.Exception is HttpRequestException or TimeoutRejectedException
        : (int)outcome.Result!.StatusCode >= 500;
}
