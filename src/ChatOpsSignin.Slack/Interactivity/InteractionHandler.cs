using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.Outbox;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Interactivity;

/// <summary>
/// Button clicks, for both transports. Approve / Deny go to <see cref="ISigninBroker.DecideAsync"/> at once (one atomic
/// store update); a click that decides nothing gets an ephemeral explanation via response_url, off the request thread.
/// The prompt itself is updated by the core's driver (UpdateApprovalPromptAsync).
/// </summary>
internal sealed partial class InteractionHandler(ISigninBroker broker, ResponseUrlOutbox outbox, BreakGlassAcknowledger acknowledger, ILogger<InteractionHandler> logger)
{
    /// <returns>False when the payload is malformed (HTTP 400, nothing decided).</returns>
    public async Task<bool> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (BlockAction.Type(payload) is not { } type)
        {
            return false;
        }

        if (type != "block_actions")
        {
            return true;
        }

        if (BlockAction.Parse(payload) is not { } action)
        {
            return false;
        }

        if (action.ActionId is not (ApprovalPrompt.ApproveAction or ApprovalPrompt.DenyAction or ApprovalPrompt.EndReuseAction
            or BreakGlassMessage.AcknowledgeAction or LinkMessage.RevokeAction))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(action.Value))
        {
            return false;
        }

        if (action.ActionId == BreakGlassMessage.AcknowledgeAction)
        {
            var acknowledged = await acknowledger.AcknowledgeAsync(new RequestId(action.Value), action.Clicker, cancellationToken);
            Log.Clicked(logger, action.Value, action.Clicker.Id.Key, action.ActionId, acknowledged.Status);
            Answer(action, acknowledged.Message);
            return true;
        }

        if (action.ActionId == LinkMessage.RevokeAction)
        {
            await RevokeAsync(action, cancellationToken);
            return true;
        }

        var approve = action.ActionId == ApprovalPrompt.ApproveAction;
        var result = action.ActionId == ApprovalPrompt.EndReuseAction
            ? await broker.EndReuseAsync(new RequestId(action.Value), action.Clicker, cancellationToken)
            : await broker.DecideAsync(new RequestId(action.Value), action.Clicker, approve, cancellationToken);
        Log.Clicked(logger, action.Value, action.Clicker.Id.Key, action.ActionId, result.Status);
        if (!result.Taken || action.ActionId == ApprovalPrompt.EndReuseAction)
        {
            Answer(action, result.Message);
        }

        return true;
    }

    /// <summary>A Revoke click: the answer (recorded, refused, unknown) always goes back to the clicker only.</summary>
    private async Task RevokeAsync(BlockAction action, CancellationToken cancellationToken)
    {
        var replyTo = new Delivery.ReplyTarget(action.Clicker.Id.Workspace ?? action.Clicker.Id.Tenant, action.Clicker.Id.User, null).ToJson();
        var result = await broker.RevokeAsync(new RequestId(action.Value!), action.Clicker, replyTo, cancellationToken);
        Log.Revoked(logger, action.Value!, action.Clicker.Id.Key, result.Status);
        Answer(action, result.Message);
    }

    /// <summary>An ephemeral answer to the clicker alone, via response_url, off the request thread.</summary>
    private void Answer(BlockAction action, string message)
    {
        if (action.ResponseUrl is { } responseUrl)
        {
            outbox.Post(responseUrl, new JsonObject
            {
                ["response_type"] = "ephemeral",
                ["replace_original"] = false,
                ["text"] = Mrkdwn.Escape(message),
            });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "Request {RequestId}: {Clicker} clicked Revoke: {Status}")]
        public static partial void Revoked(ILogger logger, string requestId, string clicker, Core.Revocation.RevokeStatus status);

        [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Request {RequestId}: {Clicker} clicked {Action}: {Status}")]
        public static partial void Clicked(ILogger logger, string requestId, string clicker, string action, DecisionStatus status);
    }
}
