using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>What the requester is told privately, with the reason and what to do next. Never a URL.</summary>
public static class NoticeText
{
    public static SlackMessage Render(SigninRequest request, RequesterNotice notice)
    {
        var profile = Mrkdwn.Escape(request.Profile);
        var id = request.Id.Value;
        var text = notice switch
        {
            RequesterNotice.Refused r => $":no_entry: Your request for *{profile}* was refused: {Mrkdwn.Escape(r.Failure.UserMessage)} (`{Mrkdwn.Escape(r.Failure.Code)}`, request `{id}`)",
            RequesterNotice.AwaitingApproval a => $":hourglass_flowing_sand: Your request for *{profile}* needs approval; approvers have been asked. "
                + $"It expires at {Mrkdwn.Date(a.ExpiresAt)}. Withdraw it with `/aws-console cancel {id}`.",
            RequesterNotice.Decided { State: ApprovalState.Approved } d => $":white_check_mark: {Mrkdwn.Person(d.By)} approved your request for *{profile}* (`{id}`). Your link is on its way.",
            RequesterNotice.Decided { State: ApprovalState.Denied } d => $":no_entry: {Mrkdwn.Person(d.By)} denied your request for *{profile}* (`{id}`). Ask them why, or ask again with a reason.",
            RequesterNotice.Decided { State: ApprovalState.Expired } => $":hourglass: Your request for *{profile}* (`{id}`) expired without a decision. Ask again when an approver is around.",
            RequesterNotice.Decided { State: ApprovalState.Cancelled } => $":leftwards_arrow_with_hook: Your request for *{profile}* (`{id}`) is cancelled.",
            RequesterNotice.Decided d => $"Your request for *{profile}* (`{id}`) is {d.State}.",
            RequesterNotice.Revoked r => ":octagonal_sign: " + Mrkdwn.Escape(r.Text),
            _ => $"Update on your request for *{profile}* (`{id}`).",
        };
        return new SlackMessage(text);
    }

    public static SlackMessage Help(IReadOnlyList<ProfileSummary> profiles)
    {
        if (profiles.Count == 0)
        {
            return new SlackMessage("You may not request any AWS profile yet. Ask an admin to add your Slack user to a profile's allow-list.");
        }

        var lines = profiles.Select(p =>
            $"• `{Mrkdwn.Escape(p.Name)}`{(p.NeedsApproval ? " (needs approval)" : string.Empty)}"
            + (string.IsNullOrWhiteSpace(p.Description) ? string.Empty : $": {Mrkdwn.Escape(p.Description)}"));
        return new SlackMessage(
            "*Profiles you may request:*\n" + string.Join('\n', lines)
            + "\n\nUsage: `/aws-console <profile> [-s|--service SERVICE] [-r|--region REGION] [reason]` · `/aws-console status` · `/aws-console cancel <request-id>` · `/aws-console revoke <request-id>`"
            + "\nEmergency, where a profile allows it: `/aws-console break-glass <profile> <reason>` gives a short session at once; its approvers are told and must acknowledge it."
            + "\nExample: `/aws-console " + Mrkdwn.Escape(profiles[0].Name) + " -s ec2 -r eu-west-1 INC-42` opens EC2 in eu-west-1 (services: ec2, s3, cloudwatch, ddb, iam, lambda, rds, …).");
    }

    public static SlackMessage Status(IReadOnlyList<RequestStatus> statuses)
    {
        if (statuses.Count == 0)
        {
            return new SlackMessage("You have no requests in the last 24 hours.");
        }

        var lines = statuses.Select(s =>
            $"• `{s.Id.Value}` *{Mrkdwn.Escape(s.Profile)}*: {s.LastStep} at {Mrkdwn.Date(s.At)}"
            + (s.DecidedBy is null ? string.Empty : $" by {Actor(s.DecidedBy)}")
            + (s.WaitingFor.Count == 0 ? string.Empty : $" · waiting for {string.Join(", ", s.WaitingFor.Select(Actor))}")
            + (s.ReuseUntil is { } until ? $" · fresh links without asking until {Mrkdwn.Date(until)}" : string.Empty));
        return new SlackMessage("*Your recent requests:*\n" + string.Join('\n', lines));
    }

    /// <summary>Status carries user keys; a Slack key becomes a mention, anything else is shown escaped.</summary>
    private static string Actor(string key) =>
        ChatUserId.TryParse(key, out var id) && id.Value.Platform == ChatPlatform.Slack ? Mrkdwn.Mention(id.Value.User) : Mrkdwn.Escape(key);
}
