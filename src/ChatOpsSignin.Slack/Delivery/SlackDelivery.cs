using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Blocks;
using ChatOpsSignin.Slack.Identity;
using ChatOpsSignin.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Slack.Delivery;

/// <summary>
/// The way back out to Slack. Links go only to the requester's DM (conversations.open, then one chat.postMessage with no
/// unfurl, never retried on an unknown outcome); notices go to the command's response_url while this process still
/// holds it (ephemeral), else to the DM; decisions always to the DM. "Link sent" is not repeated: the DM is the answer.
/// </summary>
internal sealed partial class SlackDelivery(
    SlackApiClient api, HandleResolver handles, ResponseUrls responseUrls, ResponseUrlPolicy responseUrlPolicy, ILogger<SlackDelivery> logger)
    : IChatDelivery
{
    /// <summary>Errors after which there is nothing left to edit: the message or channel is gone.</summary>
    private static readonly HashSet<string> Gone = ["message_not_found", "channel_not_found", "cant_update_message", "is_archived"];

    public ChatPlatform Platform => ChatPlatform.Slack;

    public Task<string> ResolveHandleAsync(SigninRequest request, CancellationToken cancellationToken) =>
        handles.ResolveAsync(request.Requester.Id.User, cancellationToken);

    public Task<string> OpenLinkSlotAsync(SigninRequest request, CancellationToken cancellationToken) =>
        api.OpenDirectMessageAsync(request.Requester.Id.User, cancellationToken);

    public async Task<string> ShowLinkAsync(string slot, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        var posted = await api.PostMessageAsync(slot, LinkMessage.Render(delivery), cancellationToken);
        Log.LinkSent(logger, delivery.Request.Id.Value, posted.Channel);
        return MessageRef.Of(posted);
    }

    /// <summary>
    /// A post whose answer was lost may still have landed: the DM's history (scope <c>im:history</c>) since the show began
    /// is searched for messages that carry this request's metadata marker.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindShownLinksAsync(string slot, SigninRequest request, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var history = await api.HistoryAsync(slot, since.AddSeconds(-5), cancellationToken);
        var copies = history
            .Where(m => LinkMessage.IsMarkedFor(m.Metadata, request.Id))
            .Select(m => MessageRef.Of(new PostedMessage(slot, m.Ts)))
            .ToList();
        Log.CopiesFound(logger, request.Id.Value, copies.Count);
        return copies;
    }

    public Task AbandonLinkSlotAsync(string slot, SigninRequest request, SigninFailure failure, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Posts the notice in the DM that carries the link (its MessageRef's channel).</summary>
    public async Task NotifyAtLinkAsync(string linkRef, RequesterNotice notice, CancellationToken cancellationToken)
    {
        if (MessageRef.Parse(linkRef) is not { } link || notice is not RequesterNotice.Revoked revoked)
        {
            return;
        }

        await api.PostMessageAsync(link.Channel, new SlackMessage(":octagonal_sign: " + Mrkdwn.Escape(revoked.Text)), cancellationToken);
    }

    public async Task RemoveLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        if (Target(record.MessageRef, record.RequestId) is { } target)
        {
            await UpdateUnlessGoneAsync(target, LinkMessage.RenderExpired(record), record.RequestId, cancellationToken);
        }
    }

    public async Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        if (notice is RequesterNotice.LinkSentPrivately)
        {
            // The ack said the link comes by DM, and Slack badges the DM: a second message would only repeat both (and, past
            // the response_url's 30 minutes, land in the DM right under the link).
            return;
        }

        var message = NoticeText.Render(request, notice);
        if (notice is not RequesterNotice.Decided
            && responseUrls.Find(request.Id) is { } responseUrl
            && responseUrlPolicy.IsAllowed(responseUrl)
            && await api.RespondAsync(new Uri(responseUrl), message.ToEphemeral(), cancellationToken))
        {
            return;
        }

        var channel = await api.OpenDirectMessageAsync(request.Requester.Id.User, cancellationToken);
        await api.PostMessageAsync(channel, message, cancellationToken);
    }

    public async Task<string> PostApprovalPromptAsync(PendingApproval approval, string channel, CancellationToken cancellationToken)
    {
        approval = approval with
        {
            Notify = await handles.ActiveAsync(approval.Notify, cancellationToken),
            MayDecide = await handles.ActiveAsync(approval.MayDecide, cancellationToken),
        };
        var posted = await api.PostMessageAsync(channel, ApprovalPrompt.Render(approval), cancellationToken);
        return MessageRef.Of(posted);
    }

    public async Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        if (Target(approval.PromptRef, approval.Request.Id) is not { } target)
        {
            return;
        }

        var message = approval.State == ApprovalState.Pending
            ? ApprovalPrompt.Render(approval with { MayDecide = await handles.ActiveAsync(approval.MayDecide, cancellationToken) })
            : ApprovalPrompt.RenderDecided(approval);
        await UpdateUnlessGoneAsync(target, message, approval.Request.Id, cancellationToken);
    }

    public async Task RemindApproversAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        if (Target(approval.PromptRef, approval.Request.Id) is not { } prompt)
        {
            return;
        }

        var notify = await handles.ActiveAsync(approval.Notify, cancellationToken);
        await api.PostMessageAsync(prompt.Channel, ApprovalPrompt.Reminder(approval, notify) with { ThreadTs = prompt.Ts }, cancellationToken);
    }

    public async Task<string> PostBreakGlassAsync(PendingApproval breakGlass, string channel, CancellationToken cancellationToken)
    {
        var posted = await api.PostMessageAsync(channel, BreakGlassMessage.Render(breakGlass), cancellationToken);
        var notify = await handles.ActiveAsync(breakGlass.Notify, cancellationToken);
        await api.PostMessageAsync(channel, BreakGlassMessage.Review(breakGlass, notify) with { ThreadTs = posted.Ts }, cancellationToken);
        return MessageRef.Of(posted);
    }

    public async Task ShowBreakGlassNotIssuedAsync(PendingApproval breakGlass, SigninFailure failure, CancellationToken cancellationToken)
    {
        if (Target(breakGlass.PromptRef, breakGlass.Request.Id) is { } announcement)
        {
            await UpdateUnlessGoneAsync(announcement, BreakGlassMessage.RenderNotIssued(breakGlass, failure.Code), breakGlass.Request.Id, cancellationToken);
        }
    }

    public async Task RepostBreakGlassAsync(PendingApproval breakGlass, CancellationToken cancellationToken)
    {
        if (Target(breakGlass.PromptRef, breakGlass.Request.Id) is not { } announcement)
        {
            return;
        }

        var notify = await handles.ActiveAsync(breakGlass.Notify, cancellationToken);
        await api.PostMessageAsync(announcement.Channel, BreakGlassMessage.Repost(breakGlass, notify), cancellationToken);
    }

    /// <summary>The message a stored reference names; a missing or unreadable one is logged and leaves nothing to do.</summary>
    private PostedMessage? Target(string? messageRef, RequestId id)
    {
        var target = MessageRef.Parse(messageRef);
        if (target is null)
        {
            Log.NoMessageRef(logger, id.Value);
        }

        return target;
    }

    /// <summary>Edits a message; one that is deleted, or in an archived or gone channel, is left as it is.</summary>
    private async Task UpdateUnlessGoneAsync(PostedMessage target, SlackMessage message, RequestId id, CancellationToken cancellationToken)
    {
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
        [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "Request {RequestId}: link sent to DM {Channel}")]
        public static partial void LinkSent(ILogger logger, string requestId, string channel);

        [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Request {RequestId}: no Slack message reference to update")]
        public static partial void NoMessageRef(ILogger logger, string requestId);

        [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "Request {RequestId}: message no longer editable ({Error})")]
        public static partial void NothingToUpdate(ILogger logger, string requestId, string error);

        [LoggerMessage(EventId = 3504, Level = LogLevel.Information, Message = "Request {RequestId}: {Count} copies of a link whose post answer was lost are in the DM")]
        public static partial void CopiesFound(ILogger logger, string requestId, int count);
    }
}
