namespace ChatOpsSignin.Core.Audit;

/// <summary>Port: the append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Events matching the query, oldest first. <see cref="AuditQuery.User"/> matches requester or actor.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
