using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// The way back out to Slack. Links go only to the requester's DM (conversations.open + chat.postMessage, no unfurl);
/// notices go to the command's response_url while it lives (ephemeral), else to the DM; decisions always to the DM.
/// </summary>
public sealed partial class SlackDelivery(
    SlackApiClient api, ResponseUrlPolicy responseUrls, TimeProvider time, ILogger<SlackDelivery> logger) : IChatDelivery
{
    /// <summary>Errors after which there is nothing left to edit: the message or channel is gone.</summary>
    private static readonly HashSet<string> Gone = ["message_not_found", "channel_not_found", "cant_update_message", "is_archived"];

    public ChatPlatform Platform => ChatPlatform.Slack;

    public async Task<string> DeliverLinkAsync(LinkDelivery delivery, CancellationToken cancellationToken)
    {
        var posted = await SendDirectAsync(delivery.Request, LinkMessage.Render(delivery), cancellationToken);
        Log.LinkSent(logger, delivery.Request.Id.Value, posted.Channel);
        return MessageRef.Of(posted);
    }

    public Task ExpireLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken) =>
        UpdateAsync(record.RequestId, record.MessageRef, LinkMessage.RenderExpired(record), cancellationToken);

    public async Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        var message = NoticeText.Render(request, notice);
        if (notice is not RequesterNotice.Decided
            && ReplyTarget.Parse(request.ReplyTo) is { } target
            && target.ResponseUrlUsableAt(time.GetUtcNow())
            && responseUrls.IsAllowed(target.ResponseUrl)
            && await api.RespondAsync(new Uri(target.ResponseUrl!), message.ToEphemeral(), cancellationToken))
        {
            return;
        }

        await SendDirectAsync(request, message, cancellationToken);
    }

    public async Task<string> PostApprovalPromptAsync(PendingApproval approval, ApprovalOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.SlackChannel))
        {
            throw new InvalidOperationException(
                $"Profiles:{approval.Request.Profile}:Approval:SlackChannel is not set, so a Slack request cannot be put to approvers.");
        }

        var posted = await api.PostMessageAsync(options.SlackChannel, ApprovalPrompt.Render(approval), cancellationToken);
        return MessageRef.Of(posted);
    }

    public Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken) =>
        UpdateAsync(approval.Request.Id, approval.PromptRef, ApprovalPrompt.RenderDecided(approval), cancellationToken);

    private async Task<PostedMessage> SendDirectAsync(SigninRequest request, SlackMessage message, CancellationToken cancellationToken)
    {
        var channel = await api.OpenDirectMessageAsync(request.Requester.Id.User, cancellationToken);
        return await api.PostMessageAsync(channel, message, cancellationToken);
    }

    private async Task UpdateAsync(RequestId id, string? messageRef, SlackMessage message, CancellationToken cancellationToken)
    {
        if (MessageRef.Parse(messageRef) is not { } target)
        {
            Log.NoMessageRef(logger, id.Value);
            return;
        }

        try
        {
            await api.UpdateMessageAsync(target, message, cancellationToken);
        }
        catch (SlackApiException e) when (Gone.Contains(e.Error))
        {
            Log.NothingToUpdate(logger, id.Value, e.Error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Request {RequestId}: link sent to DM {Channel}")]
        public static partial void LinkSent(ILogger logger, string requestId, string channel);

        [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Request {RequestId}: no Slack message reference to update")]
        public static partial void NoMessageRef(ILogger logger, string requestId);

        [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "Request {RequestId}: message no longer editable ({Error})")]
        public static partial void NothingToUpdate(ILogger logger, string requestId, string error);
    }
}
