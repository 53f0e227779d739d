using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>A request waiting for (or past) its one decision.</summary>
/// <param name="PromptRef">Platform-owned reference to the approval message in the channel, once posted.</param>
public sealed record PendingApproval(
    SigninRequest Request,
    DateTimeOffset ExpiresAt,
    ApprovalState State,
    ChatUser? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? PromptRef = null);
