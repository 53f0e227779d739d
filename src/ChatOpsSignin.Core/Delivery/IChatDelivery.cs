using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>Port: the way back out to one chat platform. Slack and Teams implement it.</summary>
public interface IChatDelivery
{
    ChatPlatform Platform { get; }

    /// <summary>Sends the link privately to the requester only (never a channel).</summary>
    /// <returns>A reference to the sent message, for <see cref="ExpireLinkAsync"/>.</returns>
    Task<string> DeliverLinkAsync(LinkDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Edits the link message so the URL is gone, once its 15 minutes are over.</summary>
    Task ExpireLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken);

    Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken);

    /// <summary>Posts Approve / Deny in the profile's approval channel.</summary>
    /// <returns>A reference to the prompt, for <see cref="UpdateApprovalPromptAsync"/>.</returns>
    Task<string> PostApprovalPromptAsync(PendingApproval approval, ApprovalOptions options, CancellationToken cancellationToken);

    /// <summary>Shows the decision (or expiry) on the prompt; <paramref name="approval"/> carries its PromptRef.</summary>
    Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken);
}
