using System.Globalization;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Work;

/// <summary>
/// Work items in SQLite. Every write that changes an item is conditional on its <c>lease_token</c>, and leasing is one
/// <c>UPDATE … RETURNING</c>, which SQLite runs under its single writer lock: two processes never lease one item.
/// </summary>
public sealed class SqliteWorkStore(SqliteConnectionFactory connections) : IWorkStore
{
    private const string Columns = "request_id, step, due_at, attempt, request, state, lease_owner, lease_until, lease_token";

    public async Task<LeasedWork?> TryAddAsync(WorkItem item, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            INSERT INTO work_items ({Columns})
            VALUES ($id, $step, $due_at, $attempt, $request, $state, $owner, $until, 1)
            ON CONFLICT (request_id) DO NOTHING;
            """);
        var added = await command.WithItem(item).With("$owner", owner).With("$until", SqliteValues.Time(leaseUntil)).ExecuteNonQueryAsync(cancellationToken);
        return added == 1 ? new LeasedWork(item, owner, 1, leaseUntil) : null;
    }

    public async Task<IReadOnlyList<LeasedWork>> LeaseDueAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            UPDATE work_items
            SET lease_owner = $owner, lease_until = $until, lease_token = lease_token + 1
            WHERE request_id IN (
                SELECT request_id FROM work_items
                WHERE due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY due_at
                LIMIT $max)
            RETURNING {Columns};
            """);
        command.With("$owner", owner).With("$until", SqliteValues.Time(leaseUntil)).With("$now", SqliteValues.Time(now)).With("$max", max);
        var leased = new List<LeasedWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leased.Add(new LeasedWork(Read(reader), owner, reader.GetInt64(reader.GetOrdinal("lease_token")), leaseUntil));
        }

        return leased;
    }

    public async Task<LeasedWork?> TryAdvanceAsync(LeasedWork lease, WorkItem next, DateTimeOffset? keepLeaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("""
            UPDATE work_items
            SET step = $step, due_at = $due_at, attempt = $attempt, request = $request, state = $state,
                lease_owner = $owner, lease_until = $until, lease_token = lease_token + 1
            WHERE request_id = $id AND lease_token = $token;
            """);
        var changed = await command
            .WithItem(next)
            .With("$owner", keepLeaseUntil is null ? null : lease.Owner)
            .With("$until", SqliteValues.Time(keepLeaseUntil))
            .With("$token", lease.Token)
            .ExecuteNonQueryAsync(cancellationToken);
        return changed == 1 ? new LeasedWork(next, lease.Owner, lease.Token + 1, keepLeaseUntil ?? DateTimeOffset.MinValue) : null;
    }

    public async Task<bool> TryRenewAsync(LeasedWork lease, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("UPDATE work_items SET lease_until = $until WHERE request_id = $id AND lease_token = $token AND lease_owner = $owner;");
        command.With("$id", lease.Item.Id.Value).With("$token", lease.Token).With("$owner", lease.Owner).With("$until", SqliteValues.Time(until));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryCompleteAsync(LeasedWork lease, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("DELETE FROM work_items WHERE request_id = $id AND lease_token = $token;");
        return await command.With("$id", lease.Item.Id.Value).With("$token", lease.Token).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> WakeAsync(RequestId id, WorkStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("""
            UPDATE work_items
            SET due_at = $now, lease_owner = NULL, lease_until = NULL, lease_token = lease_token + 1
            WHERE request_id = $id AND step = $step;
            """);
        command.With("$id", id.Value).With("$step", step.ToString()).With("$now", SqliteValues.Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<WorkItem?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"SELECT {Columns} FROM work_items WHERE request_id = $id;");
        await using var reader = await command.With("$id", id.Value).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("SELECT COUNT(*) FROM work_items WHERE due_at <= $now AND (lease_until IS NULL OR lease_until <= $now);");
        return Convert.ToInt32(await command.With("$now", SqliteValues.Time(now)).ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static WorkItem Read(SqliteDataReader reader) => WorkItemJson.Read(
        SqliteValues.ReadText(reader, "request"),
        SqliteValues.ReadText(reader, "state"),
        SqliteValues.ReadEnum<WorkStep>(reader, "step"),
        SqliteValues.ReadTime(reader, "due_at"),
        reader.GetInt32(reader.GetOrdinal("attempt")));
}

internal static class WorkItemParameters
{
    public static SqliteCommand WithItem(this SqliteCommand command, WorkItem item) => command
        .With("$id", item.Id.Value)
        .With("$step", item.Step.ToString())
        .With("$due_at", SqliteValues.Time(item.DueAt))
        .With("$attempt", item.Attempt)
        .With("$request", WorkItemJson.Request(item.Request))
        .With("$state", WorkItemJson.State(item.State));
}
