namespace ChatOpsSignin.Core.Audit;

/// <summary>Port: the append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Events matching the query, oldest first. <see cref="AuditQuery.User"/> matches requester or actor.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes events older than <paramref name="before"/>: the retention setting's one way past the trail's append-only
    /// guard. Returns how many went.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
