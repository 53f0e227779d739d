using System.Collections.Concurrent;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>A chat platform at the port: records what the core asked it to show. Platform tests cover the wire.</summary>
internal sealed class RecordingDelivery : IChatDelivery
{
    public ChatPlatform Platform => ChatPlatform.Slack;

    public ConcurrentQueue<LinkDelivery> Links { get; } = new();

    public ConcurrentQueue<IssuedLinkRecord> Expired { get; } = new();

    public ConcurrentQueue<(SigninRequest Request, RequesterNotice Notice)> Notices { get; } = new();

    public ConcurrentQueue<PendingApproval> Prompts { get; } = new();

    public ConcurrentQueue<PendingApproval> PromptUpdates { get; } = new();

    /// <summary>When set, delivering a link fails like a platform refusing the DM would.</summary>
    public Exception? FailDelivery { get; set; }

    public ConcurrentQueue<string> Handles { get; } = new();

    /// <summary>When set, removing a link fails like an edit of a message the user deleted would.</summary>
    public Func<IssuedLinkRecord, Exception?> FailRemoval { get; set; } = _ => null;

    public Task<string> ResolveHandleAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        Handles.Enqueue(request.Requester.Handle);
        return Task.FromResult(request.Requester.Handle);
    }

    public Task<string> OpenLinkSlotAsync(SigninRequest request, CancellationToken cancellationToken) =>
        Task.FromResult($"dm:{request.Requester.Id.User}");

    public Task<string> ShowLinkAsync(string slot, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        if (FailDelivery is { } failure)
        {
            return Task.FromException<string>(failure);
        }

        Links.Enqueue(delivery);
        return Task.FromResult($"{slot}:{delivery.Request.Id}");
    }

    public Task<IReadOnlyList<string>> FindShownLinksAsync(string slot, SigninRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task AbandonLinkSlotAsync(string slot, SigninRequest request, SigninFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        if (FailRemoval(record) is { } failure)
        {
            return Task.FromException(failure);
        }

        Expired.Enqueue(record);
        return Task.CompletedTask;
    }

    /// <summary>Notices posted beside a link message (a revoke's notice to the requester), by the link's message ref.</summary>
    public ConcurrentQueue<(string LinkRef, RequesterNotice Notice)> AtLink { get; } = new();

    public Task NotifyAtLinkAsync(string linkRef, RequesterNotice notice, CancellationToken cancellationToken)
    {
        AtLink.Enqueue((linkRef, notice));
        return Task.CompletedTask;
    }

    public Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        Notices.Enqueue((request, notice));
        return Task.CompletedTask;
    }

    public Task<string> PostApprovalPromptAsync(PendingApproval approval, string channel, CancellationToken cancellationToken)
    {
        Prompts.Enqueue(approval);
        return Task.FromResult($"{channel}:{approval.Request.Id}");
    }

    public ConcurrentQueue<PendingApproval> Reminders { get; } = new();

    public Task RemindApproversAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        Reminders.Enqueue(approval);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(PendingApproval BreakGlass, string Channel)> BreakGlassPosts { get; } = new();

    public ConcurrentQueue<PendingApproval> BreakGlassReposts { get; } = new();

    public Task<string> PostBreakGlassAsync(PendingApproval breakGlass, string channel, CancellationToken cancellationToken)
    {
        BreakGlassPosts.Enqueue((breakGlass, channel));
        return Task.FromResult($"{channel}:{breakGlass.Request.Id}");
    }

    public ConcurrentQueue<(PendingApproval BreakGlass, SigninFailure Failure)> BreakGlassNotIssued { get; } = new();

    public Task ShowBreakGlassNotIssuedAsync(PendingApproval breakGlass, SigninFailure failure, CancellationToken cancellationToken)
    {
        BreakGlassNotIssued.Enqueue((breakGlass, failure));
        return Task.CompletedTask;
    }

    public Task RepostBreakGlassAsync(PendingApproval breakGlass, CancellationToken cancellationToken)
    {
        BreakGlassReposts.Enqueue(breakGlass);
        return Task.CompletedTask;
    }

    public Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        PromptUpdates.Enqueue(approval);
        return Task.CompletedTask;
    }
}
