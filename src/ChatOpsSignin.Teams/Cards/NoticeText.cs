using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;

namespace ChatOpsSignin.Teams.Cards;

/// <summary>Plain-text renderings of what the requester is told. None carries a secret.</summary>
internal static class NoticeText
{
    public static string For(RequesterNotice notice) => notice switch
    {
        RequesterNotice.Refused refused => refused.Failure.UserMessage,
        RequesterNotice.AwaitingApproval waiting =>
            $"Your request for '{waiting.Profile}' needs approval. I have asked the approvers; it expires at {AdaptiveCard.Time(waiting.ExpiresAt)}.",
        RequesterNotice.Decided { State: ApprovalState.Approved } decided =>
            $"Your request was approved by {decided.By?.Handle ?? "an approver"}. The link follows in our 1:1 chat.",
        RequesterNotice.Decided { State: ApprovalState.Denied } decided =>
            $"Your request was denied by {decided.By?.Handle ?? "an approver"}.",
        RequesterNotice.Decided { State: ApprovalState.Expired } => "Your request expired: nobody approved it in time.",
        RequesterNotice.Decided { State: ApprovalState.Cancelled } => "Your request was cancelled.",
        RequesterNotice.Decided decided => $"Your request is {decided.State}.",
        RequesterNotice.Revoked revoked => revoked.Text,
        RequesterNotice.LinkSentPrivately sent => $"Your sign-in link for '{sent.Profile}' is in our 1:1 chat.",
        _ => "Your request was updated.",
    };

    /// <summary>The only things said in a channel about a requester: nothing secret, nothing personal.</summary>
    public static string? ForChannel(RequesterNotice notice) => notice switch
    {
        RequesterNotice.LinkSentPrivately => "Check your 1:1 chat with me: your sign-in link is there.",
        RequesterNotice.AwaitingApproval => "Your request is waiting for approval; I will answer in our 1:1 chat.",
        _ => null,
    };

    public const string CannotMessagePrivately =
        "I could not message you privately. Install the app for yourself (personal scope) and ask again.";
}
