using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Identity;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Teams.Delivery;

/// <summary>
/// The way back out to Teams. Links and private notices go to the requester's 1:1 chat (opened proactively when the
/// request came from a channel or group chat); a channel only ever sees "check your 1:1 chat" and approval prompts.
/// A link is never in a created message: a placeholder card is posted first (its id recorded), then updated with the
/// link by a PUT, which may be retried. So a gateway error on a post can at worst leave a second placeholder.
/// </summary>
internal sealed partial class TeamsDelivery(
    BotConnectorClient connector, HandleResolver handles, ApproverLookup approvers, ILogger<TeamsDelivery> logger) : IChatDelivery
{
    public ChatPlatform Platform => ChatPlatform.Teams;

    public Task<string> ResolveHandleAsync(SigninRequest request, CancellationToken cancellationToken) =>
        handles.ResolveAsync(ReplyTarget.Parse(request.ReplyTo), request.Requester.Handle, cancellationToken);

    public async Task<string> OpenLinkSlotAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        var target = ReplyTarget.Parse(request.ReplyTo);
        var conversation = await PersonalConversationAsync(target, cancellationToken);
        var placeholder = OutboundActivity.Card(LinkCard.Preparing(request.Profile));
        var activityId = await connector.SendAsync(target.ServiceUrl, conversation, placeholder, null, cancellationToken);
        return new MessageRef(target.ServiceUrl, conversation, activityId).ToJson();
    }

    public async Task<string> ShowLinkAsync(string slot, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        var message = MessageRef.Parse(slot);
        await connector.UpdateAsync(message.ServiceUrl, message.ConversationId, message.ActivityId, OutboundActivity.Card(LinkCard.For(delivery)), cancellationToken);
        Log.LinkDelivered(logger, delivery.Request.Id.Value);
        return slot;
    }

    /// <summary>
    /// Nothing to find: the link only ever goes into the placeholder by a PUT, so showing again overwrites that same
    /// message (one copy), and abandoning the slot overwrites any link a lost PUT left there.
    /// </summary>
    public Task<IReadOnlyList<string>> FindShownLinksAsync(string slot, SigninRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public async Task AbandonLinkSlotAsync(string slot, SigninRequest request, SigninFailure failure, CancellationToken cancellationToken)
    {
        var message = MessageRef.Parse(slot);
        var card = OutboundActivity.Card(LinkCard.Failed(request.Profile, failure.UserMessage));
        await connector.UpdateAsync(message.ServiceUrl, message.ConversationId, message.ActivityId, card, cancellationToken);
    }

    public async Task RemoveLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        var message = MessageRef.Parse(record.MessageRef);
        var card = OutboundActivity.Card(LinkCard.Expired(record.Profile, record.LinkExpiresAt));
        await connector.UpdateAsync(message.ServiceUrl, message.ConversationId, message.ActivityId, card, cancellationToken);
        Log.LinkExpired(logger, record.RequestId.Value);
    }

    /// <summary>Posts the notice in the 1:1 chat that holds the link card, as a reply to it.</summary>
    public async Task NotifyAtLinkAsync(string linkRef, RequesterNotice notice, CancellationToken cancellationToken)
    {
        var link = MessageRef.Parse(linkRef);
        await connector.SendAsync(link.ServiceUrl, link.ConversationId, OutboundActivity.Text(NoticeText.For(notice)), link.ActivityId, cancellationToken);
    }

    public async Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        var target = ReplyTarget.Parse(request.ReplyTo);
        if (target.IsPersonal)
        {
            await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Text(NoticeText.For(notice)), target.ActivityId, cancellationToken);
            return;
        }

        if (NoticeText.ForChannel(notice) is { } channelText)
        {
            await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Text(channelText), target.ActivityId, cancellationToken);
            if (notice is RequesterNotice.LinkSentPrivately)
            {
                return;
            }
        }

        try
        {
            var personal = await PersonalConversationAsync(target, cancellationToken);
            await connector.SendAsync(target.ServiceUrl, personal, OutboundActivity.Text(NoticeText.For(notice)), null, cancellationToken);
        }
        catch (ConnectorException e) when (e.BotNotInstalledForUser)
        {
            Log.NotInstalled(logger, request.Id.Value);
            await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Text(NoticeText.CannotMessagePrivately), target.ActivityId, cancellationToken);
        }
    }

    public async Task<string> PostApprovalPromptAsync(PendingApproval approval, string channel, CancellationToken cancellationToken)
    {
        var target = ReplyTarget.Parse(approval.Request.ReplyTo);
        var notify = await approvers.ActiveAsync(approval.Notify, target.ServiceUrl, channel, cancellationToken);
        var mayDecide = await approvers.ActiveAsync(approval.MayDecide, target.ServiceUrl, channel, cancellationToken);
        var card = ApprovalCard.Prompt(approval, notify: notify, mayDecide: mayDecide);
        var activityId = await connector.SendAsync(target.ServiceUrl, channel, OutboundActivity.Card(card), null, cancellationToken);
        Log.PromptPosted(logger, approval.Request.Id.Value);
        return new MessageRef(target.ServiceUrl, channel, activityId).ToJson();
    }

    public async Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        if (approval.PromptRef is null)
        {
            Log.NoPrompt(logger, approval.Request.Id.Value);
            return;
        }

        var prompt = MessageRef.Parse(approval.PromptRef);
        var card = approval.State == ApprovalState.Pending
            ? ApprovalCard.Prompt(approval, mayDecide: await approvers.ActiveAsync(approval.MayDecide, prompt.ServiceUrl, prompt.ConversationId, cancellationToken))
            : ApprovalCard.Decided(approval);
        await connector.UpdateAsync(prompt.ServiceUrl, prompt.ConversationId, prompt.ActivityId, OutboundActivity.Card(card), cancellationToken);
    }

    /// <summary>A reply in the prompt's thread that pings whoever is still asked (and still in the tenant).</summary>
    public async Task RemindApproversAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        if (approval.PromptRef is null)
        {
            Log.NoPrompt(logger, approval.Request.Id.Value);
            return;
        }

        var prompt = MessageRef.Parse(approval.PromptRef);
        var notify = await approvers.ActiveAsync(approval.Notify, prompt.ServiceUrl, prompt.ConversationId, cancellationToken);
        var reminder = OutboundActivity.Text(ApprovalCard.Reminder(approval, notify));
        reminder["entities"] = Mentions.Entities(notify);
        await connector.SendAsync(prompt.ServiceUrl, prompt.ConversationId, reminder, prompt.ActivityId, cancellationToken);
    }

    /// <summary>The announcement card in the approval conversation, then the review thread as a reply to it.</summary>
    public async Task<string> PostBreakGlassAsync(PendingApproval breakGlass, string channel, CancellationToken cancellationToken)
    {
        var target = ReplyTarget.Parse(breakGlass.Request.ReplyTo);
        var activityId = await connector.SendAsync(target.ServiceUrl, channel, OutboundActivity.Card(BreakGlassCard.Announcement(breakGlass)), null, cancellationToken);
        await connector.SendAsync(target.ServiceUrl, channel, OutboundActivity.Text(BreakGlassCard.Review(breakGlass)), activityId, cancellationToken);
        Log.BreakGlassPosted(logger, breakGlass.Request.Id.Value);
        return new MessageRef(target.ServiceUrl, channel, activityId).ToJson();
    }

    public async Task ShowBreakGlassNotIssuedAsync(PendingApproval breakGlass, SigninFailure failure, CancellationToken cancellationToken)
    {
        if (breakGlass.PromptRef is null)
        {
            Log.NoPrompt(logger, breakGlass.Request.Id.Value);
            return;
        }

        var announcement = MessageRef.Parse(breakGlass.PromptRef);
        await connector.UpdateAsync(announcement.ServiceUrl, announcement.ConversationId, announcement.ActivityId, OutboundActivity.Card(BreakGlassCard.NotIssued(breakGlass, failure.Code)), cancellationToken);
    }

    public async Task RepostBreakGlassAsync(PendingApproval breakGlass, CancellationToken cancellationToken)
    {
        if (breakGlass.PromptRef is null)
        {
            Log.NoPrompt(logger, breakGlass.Request.Id.Value);
            return;
        }

        var announcement = MessageRef.Parse(breakGlass.PromptRef);
        await connector.SendAsync(announcement.ServiceUrl, announcement.ConversationId, OutboundActivity.Text(BreakGlassCard.Review(breakGlass, again: true)), null, cancellationToken);
    }

    private Task<string> PersonalConversationAsync(ReplyTarget target, CancellationToken cancellationToken) => target.IsPersonal
        ? Task.FromResult(target.ConversationId)
        : connector.CreatePersonalConversationAsync(target.ServiceUrl, target.BotId, target.UserId, target.TenantId, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered the sign-in link of request {RequestId} in the requester's 1:1 chat")]
        public static partial void LinkDelivered(ILogger logger, string requestId);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Removed the expired sign-in link of request {RequestId}")]
        public static partial void LinkExpired(ILogger logger, string requestId);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Posted the approval prompt of request {RequestId}")]
        public static partial void PromptPosted(ILogger logger, string requestId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Posted the break-glass announcement of request {RequestId}")]
        public static partial void BreakGlassPosted(ILogger logger, string requestId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} has no approval prompt to update")]
        public static partial void NoPrompt(ILogger logger, string requestId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot message the requester of {RequestId} privately: the app is not installed for them")]
        public static partial void NotInstalled(ILogger logger, string requestId);
    }
}
