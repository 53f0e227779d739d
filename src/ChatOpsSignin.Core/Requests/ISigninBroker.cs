using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Requests;

/// <summary>
/// The core's front door for chat edges. Edges verify and parse, call this, and acknowledge at once:
/// <see cref="SubmitAsync"/> only queues; decisions are taken synchronously (one fast, atomic store update)
/// because Teams' Action.Execute must answer with the updated card; issuing the link is queued after that.
/// </summary>
public interface ISigninBroker
{
    /// <summary>Queues a request; every answer goes back through the platform's <c>IChatDelivery</c>.</summary>
    ValueTask SubmitAsync(SigninRequest request, CancellationToken cancellationToken);

    /// <summary>An approver clicked Approve or Deny. The first decision wins.</summary>
    Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken);

    /// <summary>The requester withdraws a pending request.</summary>
    Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken);

    /// <summary>The profiles this user may request (for <c>help</c>), by name.</summary>
    IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user);

    /// <summary>The user's pending and recent requests (for <c>status</c>).</summary>
    Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken);
}
