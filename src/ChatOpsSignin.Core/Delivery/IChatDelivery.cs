using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>
/// Port: the way back out to one chat platform. The driver calls it; the platform renders and sends. A link is shown
/// in two moves so that every copy in chat is known: <see cref="OpenLinkSlotAsync"/> (no link yet, its reference is
/// recorded), then <see cref="ShowLinkAsync"/>.
/// </summary>
public interface IChatDelivery
{
    ChatPlatform Platform { get; }

    /// <summary>False where the link lives outside chat (the CLI prints it): nothing to remove, the flow ends at delivery.</summary>
    bool RemovesLinks => true;

    /// <summary>The name that feeds the AWS session name (never a key). Falls back to the request's handle.</summary>
    Task<string> ResolveHandleAsync(SigninRequest request, CancellationToken cancellationToken);

    /// <summary>Prepares the requester's private place for the link (Slack: the DM; Teams: a placeholder card in the 1:1 chat).</summary>
    Task<string> OpenLinkSlotAsync(SigninRequest request, CancellationToken cancellationToken);

    /// <summary>Shows the link in the slot, privately. Never retried blindly: a create that may have landed is not sent again.</summary>
    /// <returns>The reference of the message that carries the link, for <see cref="RemoveLinkAsync"/>.</returns>
    Task<string> ShowLinkAsync(string slot, LinkDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// After a show whose outcome is unknown (a crash or a gateway error): the messages in the slot that may carry the
    /// link, so they are recorded and removed. Empty when showing again cannot make a second copy.
    /// </summary>
    Task<IReadOnlyList<string>> FindShownLinksAsync(string slot, SigninRequest request, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>No link will come: the slot says why (Teams replaces its placeholder; Slack has nothing to do).</summary>
    Task AbandonLinkSlotAsync(string slot, SigninRequest request, SigninFailure failure, CancellationToken cancellationToken);

    /// <summary>Edits the link message so the URL is gone. Throws when it could not (the driver retries with backoff).</summary>
    Task RemoveLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken);

    Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the requester beside their link message (<see cref="IssuedLinkRecord.MessageRef"/>): the private chat it is
    /// in, for notices that come long after the request (a revoke).
    /// </summary>
    Task NotifyAtLinkAsync(string linkRef, RequesterNotice notice, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Posts Approve / Deny in <paramref name="channel"/>, this platform's approval channel of the profile.</summary>
    /// <returns>A reference to the prompt, for <see cref="UpdateApprovalPromptAsync"/>.</returns>
    Task<string> PostApprovalPromptAsync(PendingApproval approval, string channel, CancellationToken cancellationToken);

    /// <summary>Shows the decision (or expiry) on the prompt; <paramref name="approval"/> carries its PromptRef.</summary>
    Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken);

    /// <summary>
    /// The once-only reminder at half the approval timeout: pings <see cref="PendingApproval.Notify"/> again beside the
    /// prompt. A platform that cannot remind does nothing.
    /// </summary>
    Task RemindApproversAsync(PendingApproval approval, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Break-glass, before anything is issued: the loud announcement in <paramref name="channel"/> (who, which profile, why,
    /// when the session ends, an Acknowledge button carrying only the request id) and a review thread under it asking
    /// <see cref="PendingApproval.Notify"/> to acknowledge. A platform that cannot announce it refuses the break-glass.
    /// </summary>
    /// <returns>A reference to the announcement (stored as the record's PromptRef).</returns>
    Task<string> PostBreakGlassAsync(PendingApproval breakGlass, string channel, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Platform} cannot announce a break-glass.");

    /// <summary>The announcement went out but the session was not issued after all (<paramref name="failure"/>): the announcement says so.</summary>
    Task ShowBreakGlassNotIssuedAsync(PendingApproval breakGlass, SigninFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The once-only repost of a break-glass nobody acknowledged, beside its announcement.</summary>
    Task RepostBreakGlassAsync(PendingApproval breakGlass, CancellationToken cancellationToken) => Task.CompletedTask;
}
