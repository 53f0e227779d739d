using System.Net;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Protocol;

/// <summary>
/// Retries of an AWS Query-protocol client (STS, IAM): connection failures, timeouts, 429 and 5xx always; a 400 only when
/// its error document names a transient error (services answer throttling as 400 with a code, not as 429).
/// </summary>
internal static class QueryRetry
{
    /// <param name="transient">Whether a 400's body names an error that may pass on a later attempt.</param>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, Func<string, bool> transient)
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

        // Buffered, so the client can still read the answer after the predicate did.
        await response.Content.LoadIntoBufferAsync();
        return transient(await response.Content.ReadAsStringAsync());
    }
}
