using System.Net;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Cognito;

/// <summary>
/// What the Cognito client retries: TooManyRequests, InternalError, other 5xx, and timeouts. All four operations are safe to
/// repeat (GetId is idempotent for the same logins; token operations mint a fresh token). Nothing that cannot succeed is retried.
/// </summary>
internal static class CognitoRetry
{
    private static readonly string[] RetryableTypes = ["TooManyRequestsException", "InternalErrorException"];

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            return true;
        }

        return response.Headers.TryGetValues("X-Amzn-ErrorType", out var types)
            && types.Any(t => RetryableTypes.Contains(CognitoErrorParser.Sanitise(t)));
    }
}
