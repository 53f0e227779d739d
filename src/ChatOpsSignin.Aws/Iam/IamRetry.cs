using System.Net;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// What the IAM client retries: Throttling (IAM answers 400 with that code), 429, 5xx, and timeouts. The three calls are
/// safe to repeat (a put writes the same document, a delete of nothing is NoSuchEntity). AccessDenied, validation,
/// LimitExceeded and MalformedPolicyDocument cannot succeed by repeating and are never retried.
/// </summary>
internal static class IamRetry
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
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

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync();
        return (await response.Content.ReadAsStringAsync()).Contains("<Code>Throttling</Code>", StringComparison.Ordinal);
    }

    public static bool IsRetryable(IamError error) =>
        error.Code is "Throttling" or "Unreachable" or "ServiceFailure" or "ConcurrentModification" || error.Status >= 500 || error.Status == 429;
}
