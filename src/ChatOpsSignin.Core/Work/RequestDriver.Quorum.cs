using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>A quorum's new approvals since the prompt was last drawn: redraw it (progress, who may still decide), once.</summary>
    private async Task<WorkItem> ShowVotesAsync(WorkItem item, PendingApproval approval, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        if (approval.Votes.Count == item.State.VotesShown || approval.PromptRef is null)
        {
            return item;
        }

        await delivery.UpdateApprovalPromptAsync(approval with { MayDecide = rules.StillMayDecide(approval) }, cancellationToken);
        return item with { State = item.State with { VotesShown = approval.Votes.Count } };
    }

    /// <summary>Every approver of a quorum, or null for a single approver (the tags and audit then name <c>Approver</c> alone).</summary>
    private static List<ChatUser>? ApproversOf(PendingApproval approval) =>
        approval.Required > 1 && approval.Votes.Count > 0 ? [.. approval.Votes.Select(v => v.By)] : null;
}
