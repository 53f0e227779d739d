using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>Port: persisted approvals. Survives restarts and is shared by replicas.</summary>
public interface IApprovalStore
{
    /// <summary>Adds the approval unless one with its id exists (a step that runs twice adds it once).</summary>
    /// <returns>True when this call added it.</returns>
    Task<bool> TryAddAsync(PendingApproval approval, CancellationToken cancellationToken);

    Task SetPromptRefAsync(RequestId id, string promptRef, CancellationToken cancellationToken);

    Task<PendingApproval?> GetAsync(RequestId id, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic conditional update: moves a request from Pending to <paramref name="state"/> only if it is still
    /// pending and, for Approved/Denied/Cancelled, not yet expired at <paramref name="at"/>. Two concurrent callers: one wins.
    /// </summary>
    /// <returns>Whether this call took the decision, and the approval as stored afterwards (null if unknown).</returns>
    Task<(bool Won, PendingApproval? Current)> TryDecideAsync(
        RequestId id, ApprovalState state, ChatUser? decidedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic conditional update for a quorum: stores <paramref name="votes"/> (the stored votes plus one) only if the
    /// request is still pending, not expired at <paramref name="at"/>, and still has <c>votes.Count - 1</c> votes. With
    /// <paramref name="completes"/> it also moves the request to Approved, decided by the last voter at <paramref name="at"/>.
    /// Two concurrent voters: one wins, the other re-reads and tries again on top of it.
    /// </summary>
    Task<(bool Won, PendingApproval? Current)> TryAddVoteAsync(
        RequestId id, ValueList<ApprovalVote> votes, bool completes, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The user's newest requests that needed approval, newest first.</summary>
    Task<IReadOnlyList<PendingApproval>> ListForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken);
}
