using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Approvals;

/// <summary>Approvals in PostgreSQL. A decision is one conditional UPDATE, so two clicks or two replicas give one winner.</summary>
public sealed class PostgresApprovalStore(PostgresDatabase database) : IApprovalStore
{
    private const string SelectOne = $"SELECT {ApprovalRows.Columns} FROM approvals WHERE request_id = @id;";

    public async Task<bool> TryAddAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO approvals ({ApprovalRows.Columns})
            VALUES (@id, @requester, @requester_handle, @profile, @reason, @reply_to, @requested_at, @expires_at, @state,
                    @decided_by, @decided_by_handle, @decided_at, @prompt_ref, @required, @votes, @vote_count, @session_ends_at)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            connection);
        return await command.WithApproval(approval).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetPromptRefAsync(RequestId id, string promptRef, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE approvals SET prompt_ref = @prompt_ref WHERE request_id = @id;", connection);
        await command.With("id", id.Value).With("prompt_ref", promptRef).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PendingApproval?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public async Task<(bool Won, PendingApproval? Current)> TryDecideAsync(
        RequestId id, ApprovalState state, ChatUser? decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (state == ApprovalState.Pending)
        {
            throw new ArgumentException("A decision moves a request out of Pending.", nameof(state));
        }

        await using var connection = await database.OpenAsync(cancellationToken);

        // The WHERE clause is the whole race: a concurrent decider holds the row lock, and once it commits this UPDATE
        // re-checks the row (read committed) and finds it no longer pending.
        await using var decide = new NpgsqlCommand(
            $"""
            UPDATE approvals
            SET state = @state, decided_by = @decided_by, decided_by_handle = @decided_by_handle, decided_at = @at
            WHERE request_id = @id AND state = 'Pending' AND (expires_at > @at OR @state = 'Expired')
            RETURNING {ApprovalRows.Columns};
            """,
            connection);
        var won = await decide
            .With("id", id.Value)
            .With("state", state.ToString())
            .With("decided_by", decidedBy?.Id.Key)
            .With("decided_by_handle", decidedBy?.Handle)
            .With("at", PostgresValues.Time(at))
            .ReadAllAsync(ApprovalRows.Read, cancellationToken);
        if (won.Count == 1)
        {
            return (true, won[0]);
        }

        // A new statement, so a new snapshot: the loser sees the winner's decision.
        return (false, await GetAsync(connection, id, cancellationToken));
    }

    public async Task<(bool Won, PendingApproval? Current)> TryAddVoteAsync(
        RequestId id, ValueList<ApprovalVote> votes, bool completes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(votes.Count);
        await using var connection = await database.OpenAsync(cancellationToken);

        // Compare-and-set on the vote count; a concurrent voter holds the row lock, and once it commits this UPDATE
        // re-checks the row (read committed), finds one more vote and changes nothing. The caller re-reads and retries.
        await using var vote = new NpgsqlCommand(
            $"""
            UPDATE approvals
            SET votes = @votes, vote_count = vote_count + 1,
                state = CASE WHEN @completes THEN 'Approved' ELSE state END,
                decided_by = CASE WHEN @completes THEN @decided_by ELSE decided_by END,
                decided_by_handle = CASE WHEN @completes THEN @decided_by_handle ELSE decided_by_handle END,
                decided_at = CASE WHEN @completes THEN @at ELSE decided_at END
            WHERE request_id = @id AND state = 'Pending' AND expires_at > @at AND vote_count = @expected
            RETURNING {ApprovalRows.Columns};
            """,
            connection);
        var won = await vote
            .With("id", id.Value)
            .With("votes", ApprovalVote.ToJson(votes))
            .With("expected", votes.Count - 1)
            .With("completes", completes)
            .With("decided_by", votes[^1].By.Id.Key)
            .With("decided_by_handle", votes[^1].By.Handle)
            .With("at", PostgresValues.Time(at))
            .ReadAllAsync(ApprovalRows.Read, cancellationToken);
        return won.Count == 1 ? (true, won[0]) : (false, await GetAsync(connection, id, cancellationToken));
    }

    public async Task<IReadOnlyList<PendingApproval>> ListForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {ApprovalRows.Columns} FROM approvals
            WHERE requester = @requester
            ORDER BY requested_at DESC, seq DESC
            LIMIT @max;
            """,
            connection);
        return await command.With("requester", requester.Key).With("max", max).ReadAllAsync(ApprovalRows.Read, cancellationToken);
    }

    private static async Task<PendingApproval?> GetAsync(NpgsqlConnection connection, RequestId id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectOne, connection);
        return (await command.With("id", id.Value).ReadAllAsync(ApprovalRows.Read, cancellationToken)).SingleOrDefault();
    }
}
