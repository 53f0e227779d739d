using System.Text;
using ChatOpsSignin.Core.Audit;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Audit;

/// <summary>
/// The audit trail in PostgreSQL: append-only (this class only inserts, and triggers refuse any UPDATE, DELETE or
/// TRUNCATE on the table). A query returns the newest <see cref="AuditQuery.Limit"/> matching events, oldest first.
/// </summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"INSERT INTO audit_events ({AuditRows.Columns}) VALUES ({AuditRows.Values});", connection);
        await command.WithEvent(auditEvent).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new StringBuilder("WHERE true");
        if (query.Since is { } since)
        {
            where.Append(" AND at >= @since");
            command.With("since", PostgresValues.Time(since));
        }

        if (query.User is { } user)
        {
            where.Append(" AND (requester = @user OR actor = @user)");
            command.With("user", user);
        }

        if (query.Profile is { } profile)
        {
            where.Append(" AND profile = @profile");
            command.With("profile", profile);
        }

        command.CommandText = $"""
            SELECT {AuditRows.Columns} FROM (
                SELECT id, {AuditRows.Columns} FROM audit_events {where}
                ORDER BY at DESC, id DESC LIMIT @limit) AS newest
            ORDER BY at, id;
            """;
        return await command.With("limit", query.Limit).ReadAllAsync(AuditRows.Read, cancellationToken);
    }

    /// <summary>The append-only trigger lets a DELETE through only inside a transaction that set the prune flag locally.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var open = new NpgsqlCommand("SELECT set_config('chatops_signin.audit_prune', 'on', true);", connection, transaction))
        {
            await open.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM audit_events WHERE at < @before;", connection, transaction);
        var deleted = await delete.With("before", PostgresValues.Time(before)).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
