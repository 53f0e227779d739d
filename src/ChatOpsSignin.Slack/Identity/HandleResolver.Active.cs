using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace ChatOpsSignin.Slack.Identity;

public sealed partial class HandleResolver
{
    /// <summary>
    /// The users of <paramref name="users"/> who are not deactivated: <c>users.info</c> with <c>deleted: true</c> drops a
    /// user (someone who left is never pinged). A lookup that fails or is slow keeps the user: a mention costs nothing,
    /// and a request never fails because of it. Users of other platforms are left out (a Slack prompt cannot mention them).
    /// </summary>
    public async Task<ValueList<ChatUser>> ActiveAsync(ValueList<ChatUser> users, CancellationToken cancellationToken)
    {
        var active = new List<ChatUser>();
        foreach (var user in users.Where(u => u.Id.Platform == ChatPlatform.Slack))
        {
            if (await IsActiveAsync(user.Id.User, cancellationToken))
            {
                active.Add(user);
            }
        }

        return new ValueList<ChatUser>(active);
    }

    private async Task<bool> IsActiveAsync(string userId, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Value.UserLookupTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            if ((await api.GetUserAsync(userId, timeout.Token)).Deleted)
            {
                Log.Skipped(logger, userId, "deactivated");
                return false;
            }
        }
        catch (SlackApiException e) when (e.Error == "user_not_found")
        {
            Log.Skipped(logger, userId, e.Error);
            return false;
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.Unchecked(logger, userId);
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Approver {UserId} is not notified: {Why}")]
        public static partial void Skipped(ILogger logger, string userId, string why);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "users.info for approver {UserId} failed; notified anyway")]
        public static partial void Unchecked(ILogger logger, string userId);
    }
}
