using ChatOpsSignin.Aws.Protocol;
using Polly;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// What the STS client retries: 5xx, 429, timeouts, connection failures, and the 400s that can pass on a later attempt:
/// Throttling, RequestLimitExceeded, and IDPCommunicationError (STS could not reach the web identity provider). The four calls
/// are safe to repeat (each mints fresh credentials or reads). AccessDenied, ValidationError, ExpiredToken, RegionDisabled,
/// MalformedPolicyDocument, PackedPolicyTooLarge and the other refusals cannot succeed by repeating and are never retried.
/// </summary>
internal static class StsRetry
{
    public static ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome) =>
        QueryRetry.ShouldRetryAsync(outcome, body => IsRetryable(StsAnswer.Read(body)?.ErrorCode));

    public static bool IsRetryable(string? code) => code is "Throttling" or "RequestLimitExceeded" or "IDPCommunicationError";
}
