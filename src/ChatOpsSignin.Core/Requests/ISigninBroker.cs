using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Revocation;

namespace ChatOpsSignin.Core.Requests;

/// <summary>
/// The core's front door for chat edges and the CLI. Edges verify and parse, call this, and acknowledge what it says:
/// <see cref="SubmitAsync"/> records the request durably before it returns; decisions are taken synchronously (one
/// atomic store update) because Teams' Action.Execute must answer with the updated card. Everything after that is run
/// by the <c>RequestDriver</c>.
/// </summary>
public interface ISigninBroker
{
    /// <summary>Records a request (or says busy); every later answer goes back through the platform's <c>IChatDelivery</c>.</summary>
    Task<SubmitResult> SubmitAsync(SigninRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SubmitAsync(SigninRequest, CancellationToken)"/>, but an accepted request's work starts only once
    /// <paramref name="startAfter"/> completes: an edge whose acknowledgement is its HTTP response passes "the response
    /// was sent", so the work does not compete with the ack for the CPU. The request is recorded either way, so work
    /// that never starts here is leased again once its lease ends.
    /// </summary>
    Task<SubmitResult> SubmitAsync(SigninRequest request, Task startAfter, CancellationToken cancellationToken) =>
        SubmitAsync(request, cancellationToken);

    /// <summary>An approver clicked Approve or Deny. The first decision wins.</summary>
    Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken);

    /// <summary>An approver ends an approval's reuse window (<c>Approval:ReuseFor</c>) before its time.</summary>
    Task<DecisionResult> EndReuseAsync(RequestId id, ChatUser approver, CancellationToken cancellationToken) =>
        Task.FromResult(new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request."));

    /// <summary>An approver acknowledges a break-glass (never the requester); the first acknowledgement wins.</summary>
    Task<DecisionResult> AcknowledgeAsync(RequestId id, ChatUser approver, CancellationToken cancellationToken) =>
        Task.FromResult(new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no such request."));

    /// <summary>
    /// Until when an approved request's reuse window is open (not ended early), or null: for an edge that redraws a
    /// decided prompt itself (Teams answers a click with the card).
    /// </summary>
    Task<DateTimeOffset?> OpenReuseUntilAsync(PendingApproval approval, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(null);

    /// <summary>The requester withdraws a pending request.</summary>
    Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken);

    /// <summary>
    /// Ends an issued sign-in (the requester, the profile's approvers or an admin): recorded durably, then the driver
    /// attaches a Deny for that session to its role. <paramref name="replyTo"/> is where the revoker hears of a failure.
    /// </summary>
    Task<RevokeResult> RevokeAsync(RequestId id, ChatUser by, string replyTo, CancellationToken cancellationToken) =>
        Task.FromResult(new RevokeResult(RevokeStatus.UnknownRequest, RevokeTexts.Unknown(id)));

    /// <summary>The profiles this user may request (for <c>help</c>), by name.</summary>
    IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user);

    /// <summary>As <see cref="ProfilesFor"/>, also through directory groups (a directory that cannot answer hides its profiles).</summary>
    Task<IReadOnlyList<ProfileSummary>> ProfilesForAsync(ChatUserId user, CancellationToken cancellationToken) => Task.FromResult(ProfilesFor(user));

    /// <summary>The user's pending and recent requests (for <c>status</c>).</summary>
    Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken);
}
