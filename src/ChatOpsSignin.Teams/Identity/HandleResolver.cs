using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Identity;

/// <summary>
/// The handle that feeds the AWS session name: the user's UPN or email from a conversation member lookup, else the
/// display name the activity carried. Run by the core's driver, bounded by <c>Teams:MemberLookupTimeout</c>.
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-single-member-profile.
/// </summary>
internal sealed partial class HandleResolver(
    BotConnectorClient connector, IOptions<TeamsOptions> options, TimeProvider time, ILogger<HandleResolver> logger)
{
    public async Task<string> ResolveAsync(ReplyTarget target, string fallback, CancellationToken cancellationToken)
    {
        using var bounded = new CancellationTokenSource(options.Value.MemberLookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, cancellationToken);
        try
        {
            var member = await connector.GetMemberAsync(target.ServiceUrl, target.ConversationId, target.UserId, linked.Token);
            return FirstOf(member?.UserPrincipalName, member?.Email) ?? fallback;
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.LookupFailed(logger, "timed out");
            return fallback;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or System.Text.Json.JsonException)
        {
            var why = e switch
            {
                ConnectorException connectorError => $"connector said {connectorError.Status} {connectorError.Code}",
                HttpRequestException => "network error",
                _ => "unreadable member JSON",
            };
            Log.LookupFailed(logger, why);
            return fallback;
        }
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Member lookup for the requester's handle failed ({Why}); using the display name")]
        public static partial void LookupFailed(ILogger logger, string why);
    }
}
