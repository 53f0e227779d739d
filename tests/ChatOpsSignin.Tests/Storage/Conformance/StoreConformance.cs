using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>
/// The one behaviour every store engine must have, run against each (SQLite, PostgreSQL, DynamoDB) by a subclass that
/// says how to open a replica. Each test starts on an empty store; two replicas opened in one test share it.
/// </summary>
public abstract partial class StoreConformance
{
    /// <summary>A new connection set (a replica) on this test's store.</summary>
    protected abstract StoreSet NewReplica();
}

/// <summary>The six store ports as one replica sees them.</summary>
public sealed record StoreSet(
    IApprovalStore Approvals, IWorkStore Work, IIssuedLinkStore IssuedLinks, IAuditLog Audit, IRateLimitStore RateLimits, IReplayGuard Replays)
{
    public ILinkTicketStore Tickets { get; init; } = null!;
}
