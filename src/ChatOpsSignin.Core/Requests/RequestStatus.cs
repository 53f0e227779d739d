using ChatOpsSignin.Core.Audit;

namespace ChatOpsSignin.Core.Requests;

/// <summary>One line of <c>status</c>: a request and where it stands.</summary>
public sealed record RequestStatus(RequestId Id, string Profile, AuditEventType LastStep, DateTimeOffset At, string? DecidedBy)
{
    /// <summary>A pending request's approvers who may still decide (user keys); empty otherwise.</summary>
    public IReadOnlyList<string> WaitingFor { get; init; } = [];

    /// <summary>An approved request whose approval may still be reused (<c>Approval:ReuseFor</c>): until when.</summary>
    public DateTimeOffset? ReuseUntil { get; init; }
}
