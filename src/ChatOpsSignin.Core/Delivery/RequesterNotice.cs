using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>Something the requester is told privately. The platform renders it; none carries a secret.</summary>
public abstract record RequesterNotice
{
    private RequesterNotice()
    {
    }

    public sealed record Refused(SigninFailure Failure) : RequesterNotice;

    public sealed record AwaitingApproval(string Profile, DateTimeOffset ExpiresAt) : RequesterNotice;

    public sealed record Decided(ApprovalState State, ChatUser? By) : RequesterNotice;

    public sealed record LinkSentPrivately(string Profile) : RequesterNotice;

    /// <summary>A revoke's outcome, in the core's words (<c>Revocation.RevokeTexts</c>).</summary>
    public sealed record Revoked(string Text) : RequesterNotice;
}
