using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>A quorum on the Slack prompt: "1 of 2: approved by @megan · Still may decide: @lead, @other".</summary>
internal static class QuorumProgress
{
    public static string? Line(PendingApproval approval)
    {
        if (approval.Required <= 1)
        {
            return null;
        }

        var line = $"*{approval.Votes.Count} of {approval.Required}*: "
            + (approval.Votes.Count == 0 ? "no approvals yet" : "approved by " + People(approval));
        var left = approval.MayDecide.Where(u => u.Id.Platform == ChatPlatform.Slack).Select(u => Mrkdwn.Mention(u.Id.User)).ToList();
        return left.Count == 0 ? line : line + " · Still may decide: " + string.Join(", ", left);
    }

    public static string People(PendingApproval approval) => string.Join(", ", approval.Votes.Select(v => Mrkdwn.Person(v.By)));
}
