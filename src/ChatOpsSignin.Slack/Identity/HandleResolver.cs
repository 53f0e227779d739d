using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Slack.Identity;

/// <summary>
/// The handle that feeds the AWS session name: <c>users.info</c> name (or email with <c>Slack:UseEmailAsHandle</c>),
/// within <c>Slack:UserLookupTimeout</c>; the user id when the lookup fails or is slow. Never a key.
/// When Slack says the method is not available to this token at all (no <c>users:read</c> scope, say), the lookup is
/// skipped for <see cref="UnavailableFor"/>: one Warning then, instead of a failing call and two warnings per request.
/// </summary>
public sealed partial class HandleResolver(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<HandleResolver> logger)
{
    /// <summary>How long users.info stays off after Slack said it is unavailable to this token.</summary>
    public static readonly TimeSpan UnavailableFor = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> Unavailable = new(StringComparer.Ordinal)
    {
        "unknown_method", "missing_scope", "not_allowed_token_type", "no_permission", "method_deprecated",
    };

    private long offUntilTicks;

    public async Task<string> ResolveAsync(string userId, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcTicks < Volatile.Read(ref offUntilTicks))
        {
            return userId;
        }

        using var deadline = new CancellationTokenSource(options.Value.UserLookupTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var user = await api.GetUserAsync(userId, timeout.Token);
            var handle = options.Value.UseEmailAsHandle && !string.IsNullOrWhiteSpace(user.Email) ? user.Email : user.Name;
            return string.IsNullOrWhiteSpace(handle) ? userId : handle;
        }
        catch (SlackApiException e) when (Unavailable.Contains(e.Error))
        {
            var until = (time.GetUtcNow() + UnavailableFor).UtcTicks;
            if (Interlocked.Exchange(ref offUntilTicks, until) < time.GetUtcNow().UtcTicks)
            {
                Log.Unavailable(logger, e.Error, (int)UnavailableFor.TotalMinutes);
            }
        }
        catch (SlackApiException e)
        {
            Log.Fallback(logger, userId, e.Error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Fallback(logger, userId, "timeout");
        }
        catch (TimeoutRejectedException)
        {
            Log.Fallback(logger, userId, "timeout");
        }
        catch (HttpRequestException e)
        {
            Log.Fallback(logger, userId, e.HttpRequestError.ToString());
        }

        return userId;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "users.info for {UserId} failed ({Error}); the user id is the session handle")]
        public static partial void Fallback(ILogger logger, string userId, string error);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "users.info is not available to this token ({Error}); user ids are the session handles for the next {Minutes} min")]
        public static partial void Unavailable(ILogger logger, string error, int minutes);
    }
}
