using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>
/// An Approve under a quorum: a compare-and-set loop on the stored vote list. Each try appends this person's vote on top
/// of what is stored; a lost race re-reads and tries again, so two approvers at once on two replicas both count and
/// exactly one of them moves the request to Approved.
/// </summary>
public static class QuorumVoting
{
    public enum Result
    {
        /// <summary>The vote is stored and the quorum is not reached yet.</summary>
        Counted,

        /// <summary>This vote reached the quorum: the request is Approved.</summary>
        Approved,

        /// <summary>This person had already approved (perhaps under another chat identity): nothing changed.</summary>
        AlreadyVoted,

        /// <summary>Decided, cancelled or expired before this vote could count.</summary>
        Closed,

        Unknown,
    }

    public static async Task<(Result Result, PendingApproval? Current)> VoteAsync(
        IApprovalStore store, PendingApproval approval, ChatUser voter, string person, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var current = approval;
        for (var attempt = 0; attempt < current.Required + 8; attempt++)
        {
            if (current.State != ApprovalState.Pending || at >= current.ExpiresAt)
            {
                return (Result.Closed, current);
            }

            if (current.Votes.Any(v => v.Person == person))
            {
                return (Result.AlreadyVoted, current);
            }

            var votes = current.Votes.Add(new ApprovalVote(voter, person, at));
            var completes = votes.Count >= current.Required;
            var (won, after) = await store.TryAddVoteAsync(current.Request.Id, votes, completes, at, cancellationToken);
            if (after is null)
            {
                return (Result.Unknown, null);
            }

            if (won)
            {
                return (completes ? Result.Approved : Result.Counted, after);
            }

            if (after.State == ApprovalState.Pending && after.Votes.Count == current.Votes.Count)
            {
                return (Result.Closed, after);
            }

            current = after;
        }

        return (Result.Closed, current);
    }

    /// <summary>"1 of 2: approved by Megan" (null under a single approver).</summary>
    public static string? Progress(PendingApproval approval) => approval.Required <= 1
        ? null
        : $"{approval.Votes.Count} of {approval.Required}: " + (approval.Votes.Count == 0
            ? "no approvals yet"
            : "approved by " + string.Join(", ", approval.Votes.Select(v => v.By.Handle)));

    /// <summary>Every approver's key, in approval order, space-separated (the audit trail's Actor under a quorum).</summary>
    public static string? ActorOf(IReadOnlyList<ChatUser>? approvers, ChatUser? fallback) =>
        approvers is { Count: > 0 } ? string.Join(' ', approvers.Select(a => a.Id.Key)) : fallback?.Id.Key;
}

