using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Work;

/// <summary>What one step leaves for the next, persisted with the work item. Never a credential, token or URL.</summary>
public sealed record WorkState
{
    /// <summary>The handle was looked up on the platform (users.info / member lookup) and is final.</summary>
    public bool HandleResolved { get; init; }

    /// <summary>The approver whose approval the link is issued under.</summary>
    public ChatUser? Approver { get; init; }

    /// <summary>Under a quorum (<c>Approval:Required</c> above 1): every approver, in approval order.</summary>
    public IReadOnlyList<ChatUser>? Approvers { get; init; }

    /// <summary>How many approvals of a quorum the prompt shows, so each new one updates it once.</summary>
    public int VotesShown { get; init; }

    /// <summary>The reminder at half the approval timeout is out (recorded before it is sent, so it goes out at most once).</summary>
    public bool Reminded { get; init; }

    /// <summary>Break-glass: the repost is settled, sent or not needed (recorded before it is sent, so it goes out at most once).</summary>
    public bool BreakGlassReposted { get; init; }

    /// <summary>Platform reference to where the link will be shown (Slack DM channel, Teams placeholder card).</summary>
    public string? LinkSlot { get; init; }

    /// <summary>Set just before the link is shown: after a crash it says a copy may be in chat.</summary>
    public DateTimeOffset? ShowStartedAt { get; init; }

    /// <summary>When the delivered link stops working, and so when it is removed.</summary>
    public DateTimeOffset? LinkExpiresAt { get; init; }

    /// <summary>A revoke work item (steps Revoke, RevokeCleanup): what is revoked, by whom, until when.</summary>
    public Revocation.SessionRevocation? Revocation { get; init; }

    /// <summary>The request's W3C <c>traceparent</c> (from the edge's submit), so a step run on any replica joins its trace.</summary>
    public string? TraceParent { get; init; }
}
