using System.Text;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Storage.Audit;

/// <summary>
/// The audit trail in SQLite: append-only (this class only inserts, and triggers abort any UPDATE or DELETE on the table).
/// A query returns the newest <see cref="AuditQuery.Limit"/> matching events, oldest first.
/// </summary>
public sealed class SqliteAuditLog(SqliteConnectionFactory connections) : IAuditLog
{
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            INSERT INTO audit_events ({AuditRows.Columns})
            VALUES ($request_id, $type, $at, $requester, $handle, $platform, $profile, $role_arn, $session_name,
                    $source_identity, $actor, $reason, $code, $duration_ticks);
            """);
        await command.WithEvent(auditEvent).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var connection = await connections.SessionAsync(cancellationToken);
        var where = new StringBuilder("WHERE 1 = 1");
        var bound = new List<(string Name, object Value)> { ("$limit", query.Limit) };
        if (query.Since is { } since)
        {
            where.Append(" AND at >= $since");
            bound.Add(("$since", SqliteValues.Time(since)));
        }

        if (query.User is { } user)
        {
            where.Append(" AND (requester = $user OR actor = $user)");
            bound.Add(("$user", user));
        }

        if (query.Profile is { } profile)
        {
            where.Append(" AND profile = $profile");
            bound.Add(("$profile", profile));
        }

        var command = connection.Command($"""
            SELECT {AuditRows.Columns} FROM (
                SELECT id, {AuditRows.Columns} FROM audit_events {where}
                ORDER BY at DESC, id DESC LIMIT $limit)
            ORDER BY at, id;
            """);
        foreach (var (name, value) in bound)
        {
            command.With(name, value);
        }

        var events = new List<AuditEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(AuditRows.Read(reader));
        }

        return events;
    }

    /// <summary>Opens the prune gate, deletes, closes it, all in one write transaction: outside it the trigger refuses deletes.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        await using var transaction = await connection.SavepointAsync(cancellationToken);
        var command = connection.Command("""
            UPDATE audit_prune_gate SET open = 1;
            DELETE FROM audit_events WHERE at < $before;
            """);
        var deleted = await command.With("$before", SqliteValues.Time(before)).ExecuteNonQueryAsync(cancellationToken) - 1;
        var close = connection.Command("UPDATE audit_prune_gate SET open = 0;");
        await close.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
