using System.Globalization;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Work;

/// <summary>
/// Work items in PostgreSQL. Every write that changes an item is conditional on its <c>lease_token</c>. Leasing locks the
/// due rows with <c>FOR UPDATE SKIP LOCKED</c> and takes them in the same statement, so two replicas leasing at once
/// get disjoint items: a row the other holds is skipped, and one it just took no longer matches when re-checked.
/// https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE
/// </summary>
public sealed class PostgresWorkStore(PostgresDatabase database) : IWorkStore
{
    private const string Columns = "request_id, step, due_at, attempt, request, state, lease_token";

    public async Task<LeasedWork?> TryAddAsync(WorkItem item, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO work_items (request_id, step, due_at, attempt, request, state, lease_owner, lease_until, lease_token)
            VALUES (@id, @step, @due_at, @attempt, @request, @state, @owner, @until, 1)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            connection);
        var added = await command.WithItem(item).With("owner", owner).With("until", PostgresValues.Time(leaseUntil)).ExecuteNonQueryAsync(cancellationToken);
        return added == 1 ? new LeasedWork(item, owner, 1, leaseUntil) : null;
    }

    public async Task<IReadOnlyList<LeasedWork>> LeaseDueAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH due AS (
                SELECT request_id FROM work_items
                WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                ORDER BY due_at
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE work_items AS w
            SET lease_owner = @owner, lease_until = @until, lease_token = w.lease_token + 1
            FROM due
            WHERE w.request_id = due.request_id
            RETURNING w.request_id, w.step, w.due_at, w.attempt, w.request, w.state, w.lease_token;
            """,
            connection);
        command.With("owner", owner).With("until", PostgresValues.Time(leaseUntil)).With("now", PostgresValues.Time(now)).With("max", max);
        var leased = await command.ReadAllAsync(r => new LeasedWork(Read(r), owner, r.GetInt64(r.GetOrdinal("lease_token")), leaseUntil), cancellationToken);

        // RETURNING keeps no order; the port promises oldest due first.
        return [.. leased.OrderBy(l => l.Item.DueAt)];
    }

    public async Task<LeasedWork?> TryAdvanceAsync(LeasedWork lease, WorkItem next, DateTimeOffset? keepLeaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE work_items
            SET step = @step, due_at = @due_at, attempt = @attempt, request = @request, state = @state,
                lease_owner = @owner, lease_until = @until, lease_token = lease_token + 1
            WHERE request_id = @id AND lease_token = @token
            RETURNING lease_token;
            """,
            connection);
        var token = await command
            .WithItem(next)
            .With("owner", keepLeaseUntil is null ? null : lease.Owner)
            .With("until", PostgresValues.Time(keepLeaseUntil))
            .With("token", lease.Token)
            .ExecuteScalarAsync(cancellationToken);
        return token is long newToken
            ? new LeasedWork(next, lease.Owner, newToken, keepLeaseUntil ?? DateTimeOffset.MinValue)
            : null;
    }

    public async Task<bool> TryRenewAsync(LeasedWork lease, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE work_items SET lease_until = @until WHERE request_id = @id AND lease_token = @token AND lease_owner = @owner;", connection);
        command.With("id", lease.Item.Id.Value).With("token", lease.Token).With("owner", lease.Owner).With("until", PostgresValues.Time(until));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryCompleteAsync(LeasedWork lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM work_items WHERE request_id = @id AND lease_token = @token;", connection);
        return await command.With("id", lease.Item.Id.Value).With("token", lease.Token).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> WakeAsync(RequestId id, WorkStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE work_items
            SET due_at = @now, lease_owner = NULL, lease_until = NULL, lease_token = lease_token + 1
            WHERE request_id = @id AND step = @step;
            """,
            connection);
        command.With("id", id.Value).With("step", step.ToString()).With("now", PostgresValues.Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<WorkItem?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM work_items WHERE request_id = @id;", connection);
        return (await command.With("id", id.Value).ReadAllAsync(Read, cancellationToken)).SingleOrDefault();
    }

    public async Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM work_items WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now);", connection);
        return Convert.ToInt32(await command.With("now", PostgresValues.Time(now)).ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static WorkItem Read(NpgsqlDataReader reader) => WorkItemJson.Read(
        reader.ReadText("request"),
        reader.ReadText("state"),
        reader.ReadEnum<WorkStep>("step"),
        reader.ReadTime("due_at"),
        reader.GetInt32(reader.GetOrdinal("attempt")));
}

internal static class WorkItemParameters
{
    public static NpgsqlCommand WithItem(this NpgsqlCommand command, WorkItem item) => command
        .With("id", item.Id.Value)
        .With("step", item.Step.ToString())
        .With("due_at", PostgresValues.Time(item.DueAt))
        .With("attempt", item.Attempt)
        .WithJson("request", WorkItemJson.Request(item.Request))
        .WithJson("state", WorkItemJson.State(item.State));
}
