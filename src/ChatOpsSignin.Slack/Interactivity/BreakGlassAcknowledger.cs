using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Interactivity;

/// <summary>
/// Acknowledge on a break-glass: the front door records the first acknowledgement (one conditional store update); the
/// click that won redraws the announcement at once with who acknowledged. A redraw Slack refuses is logged, not retried:
/// the acknowledgement stands in the store and the audit trail.
/// </summary>
internal sealed partial class BreakGlassAcknowledger(ISigninBroker broker, SlackApiClient api, ILogger<BreakGlassAcknowledger> logger)
{
    public async Task<DecisionResult> AcknowledgeAsync(RequestId id, ChatUser clicker, CancellationToken cancellationToken)
    {
        var result = await broker.AcknowledgeAsync(id, clicker, cancellationToken);
        if (result is { Taken: true, Approval: { } acknowledged } && MessageRef.Parse(acknowledged.PromptRef) is { } announcement)
        {
            try
            {
                await api.UpdateMessageAsync(announcement, BreakGlassMessage.RenderAcknowledged(acknowledged), cancellationToken);
            }
            catch (SlackApiException exception)
            {
                Log.NotRedrawn(logger, id.Value, exception.Error);
            }
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Request {RequestId}: the acknowledged break-glass announcement could not be redrawn ({Error})")]
        public static partial void NotRedrawn(ILogger logger, string requestId, string error);
    }
}
