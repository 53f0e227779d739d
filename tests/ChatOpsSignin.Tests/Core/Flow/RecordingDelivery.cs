using System.Collections.Concurrent;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
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

    public Task<string> DeliverLinkAsync(LinkDelivery delivery, CancellationToken cancellationToken)
    {
        if (FailDelivery is { } failure)
        {
            return Task.FromException<string>(failure);
        }

        Links.Enqueue(delivery);
        return Task.FromResult($"dm:{delivery.Request.Id}");
    }

    public Task ExpireLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        Expired.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        Notices.Enqueue((request, notice));
        return Task.CompletedTask;
    }

    public Task<string> PostApprovalPromptAsync(PendingApproval approval, ApprovalOptions options, CancellationToken cancellationToken)
    {
        Prompts.Enqueue(approval);
        return Task.FromResult($"{options.SlackChannel}:{approval.Request.Id}");
    }

    public Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        PromptUpdates.Enqueue(approval);
        return Task.CompletedTask;
    }
}
