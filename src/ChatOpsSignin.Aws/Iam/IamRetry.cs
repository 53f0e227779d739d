using ChatOpsSignin.Aws.Protocol;
using Polly;

namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// What the IAM client retries: Throttling (IAM answers 400 with that code), 429, 5xx, and timeouts. The three calls are
/// safe to repeat (a put writes the same document, a delete of nothing is NoSuchEntity). AccessDenied, validation,
/// LimitExceeded and MalformedPolicyDocument cannot succeed by repeating and are never retried.
/// </summary>
internal static class IamRetry
{
    public static ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome) =>
        QueryRetry.ShouldRetryAsync(outcome, body => body.Contains("<Code>Throttling</Code>", StringComparison.Ordinal));

    public static bool IsRetryable(IamError error) =>
        error.Code is "Throttling" or "Unreachable" or "ServiceFailure" or "ConcurrentModification" || error.Status >= 500 || error.Status == 429;
}
