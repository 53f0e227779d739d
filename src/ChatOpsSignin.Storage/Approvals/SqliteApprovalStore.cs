using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Storage.Approvals;

/// <summary>Approvals in SQLite. A decision is one conditional UPDATE, so two clicks or two replicas give one winner.</summary>
public sealed class SqliteApprovalStore(SqliteConnectionFactory connections) : IApprovalStore
{
    public async Task<bool> TryAddAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            INSERT INTO approvals ({ApprovalRows.Columns})
            VALUES ($id, $requester, $requester_handle, $profile, $reason, $reply_to, $requested_at, $expires_at, $state,
                    $decided_by, $decided_by_handle, $decided_at, $prompt_ref, $required, $votes, $vote_count, $session_ends_at)
            ON CONFLICT (request_id) DO NOTHING;
            """);
        return await command.WithApproval(approval).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetPromptRefAsync(RequestId id, string promptRef, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("UPDATE approvals SET prompt_ref = $prompt_ref WHERE request_id = $id;");
        await command.With("$id", id.Value).With("$prompt_ref", promptRef).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PendingApproval?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"SELECT {ApprovalRows.Columns} FROM approvals WHERE request_id = $id;");
        var found = await ApprovalRows.ReadAllAsync(command.With("$id", id.Value), cancellationToken);
        return found.SingleOrDefault();
    }

    public async Task<(bool Won, PendingApproval? Current)> TryDecideAsync(
        RequestId id, ApprovalState state, ChatUser? decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (state == ApprovalState.Pending)
        {
            throw new ArgumentException("A decision moves a request out of Pending.", nameof(state));
        }

        await using var connection = await connections.SessionAsync(cancellationToken);

        // The WHERE clause is the whole race: only a still-pending, unexpired row changes, and SQLite serialises writers.
        var decide = connection.Command("""
            UPDATE approvals
            SET state = $state, decided_by = $decided_by, decided_by_handle = $decided_by_handle, decided_at = $at
            WHERE request_id = $id AND state = 'Pending' AND (expires_at > $at OR $state = 'Expired');
            """);
        var changed = await decide
            .With("$id", id.Value)
            .With("$state", state.ToString())
            .With("$decided_by", decidedBy?.Id.Key)
            .With("$decided_by_handle", decidedBy?.Handle)
            .With("$at", SqliteValues.Time(at))
            .ExecuteNonQueryAsync(cancellationToken);

        var read = connection.Command($"SELECT {ApprovalRows.Columns} FROM approvals WHERE request_id = $id;");
        var current = (await ApprovalRows.ReadAllAsync(read.With("$id", id.Value), cancellationToken)).SingleOrDefault();
        return (changed == 1, current);
    }

    public async Task<(bool Won, PendingApproval? Current)> TryAddVoteAsync(
        RequestId id, ValueList<ApprovalVote> votes, bool completes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(votes.Count);
        await using var connection = await connections.SessionAsync(cancellationToken);

        // Compare-and-set on the vote count: a concurrent vote makes this one change nothing, and its caller re-reads.
        var vote = connection.Command("""
            UPDATE approvals
            SET votes = $votes, vote_count = vote_count + 1,
                state = CASE WHEN $completes THEN 'Approved' ELSE state END,
                decided_by = CASE WHEN $completes THEN $decided_by ELSE decided_by END,
                decided_by_handle = CASE WHEN $completes THEN $decided_by_handle ELSE decided_by_handle END,
                decided_at = CASE WHEN $completes THEN $at ELSE decided_at END
            WHERE request_id = $id AND state = 'Pending' AND expires_at > $at AND vote_count = $expected;
            """);
        var changed = await vote
            .With("$id", id.Value)
            .With("$votes", ApprovalVote.ToJson(votes))
            .With("$expected", votes.Count - 1)
            .With("$completes", completes)
            .With("$decided_by", votes[^1].By.Id.Key)
            .With("$decided_by_handle", votes[^1].By.Handle)
            .With("$at", SqliteValues.Time(at))
            .ExecuteNonQueryAsync(cancellationToken);

        var read = connection.Command($"SELECT {ApprovalRows.Columns} FROM approvals WHERE request_id = $id;");
        var current = (await ApprovalRows.ReadAllAsync(read.With("$id", id.Value), cancellationToken)).SingleOrDefault();
        return (changed == 1, current);
    }

    public async Task<IReadOnlyList<PendingApproval>> ListForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            SELECT {ApprovalRows.Columns} FROM approvals
            WHERE requester = $requester
            ORDER BY requested_at DESC, rowid DESC
            LIMIT $max;
            """);
        return await ApprovalRows.ReadAllAsync(command.With("$requester", requester.Key).With("$max", max), cancellationToken);
    }
}
