using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Slack.Identity;

/// <summary>
/// The handle that feeds the AWS session name: <c>users.info</c> name (or email with <c>Slack:UseEmailAsHandle</c>),
/// within <c>Slack:UserLookupTimeout</c>; the user id when the lookup fails or is slow. Never a key.
/// </summary>
public sealed partial class HandleResolver(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<HandleResolver> logger)
{
    public async Task<string> ResolveAsync(string userId, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Value.UserLookupTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var user = await api.GetUserAsync(userId, timeout.Token);
            var handle = options.Value.UseEmailAsHandle && !string.IsNullOrWhiteSpace(user.Email) ? user.Email : user.Name;
            return string.IsNullOrWhiteSpace(handle) ? userId : handle;
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
    }
}
