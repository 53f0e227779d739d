using System.Text;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.Teams.Approvals;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using ChatOpsSignin.Teams.Identity;
using ChatOpsSignin.Teams.Inbound;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Teams.Commands;

/// <summary>
/// Runs a validated message activity before <c>/api/messages</c> answers: a command, or an Action.Submit click. A
/// request or decision is recorded by the front door first, so a 200 always means it is durable.
/// </summary>
internal sealed partial class CommandRunner(
    ISigninBroker broker,
    BotConnectorClient connector,
    ApprovalClickHandler clicks,
    ApproverLookup approvers,
    TimeProvider time,
    ILogger<CommandRunner> logger)
{
    public async Task RunAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ApprovalClick.FromSubmit(activity) is { } click)
        {
            await clicks.SubmitAsync(activity, click, cancellationToken);
            return;
        }

        var user = TeamsIdentity.From(activity);
        if (user is null)
        {
            await ReplyAsync(activity, activity.TenantId is null ? TeamsIdentity.NoTenant : TeamsIdentity.NoObjectId, cancellationToken);
            return;
        }

        switch (TeamsText.Parse(activity.Text))
        {
            case ChatCommand.Request asked:
                await SubmitAsync(activity, NewRequest(activity, user, asked.Profile, asked.Reason) with { Service = asked.Service, Region = asked.Region }, cancellationToken);
                break;
            case ChatCommand.BreakGlass breakGlass:
                await SubmitAsync(activity, NewRequest(activity, user, breakGlass.Profile, breakGlass.Reason) with { BreakGlass = true }, cancellationToken);
                break;
            case ChatCommand.Help:
                await ReplyAsync(activity, HelpText(await broker.ProfilesForAsync(user.Id, cancellationToken)), cancellationToken);
                break;
            case ChatCommand.Status:
                await ReplyAsync(activity, await StatusTextAsync(activity, await broker.StatusAsync(user.Id, cancellationToken), cancellationToken), cancellationToken);
                break;
            case ChatCommand.Cancel cancel:
                var result = await broker.CancelAsync(new RequestId(cancel.RequestId), user, cancellationToken);
                await ReplyAsync(activity, result.Message, cancellationToken);
                break;
            case ChatCommand.Revoke revoke:
                var revoked = await broker.RevokeAsync(
                    new RequestId(revoke.RequestId), user, ReplyTarget.From(activity, user.Id.Tenant).ToJson(), cancellationToken);
                await ReplyAsync(activity, revoked.Message, cancellationToken);
                break;
            case ChatCommand.Invalid invalid:
                await ReplyAsync(activity, invalid.Problem, cancellationToken);
                break;
        }
    }

    private SigninRequest NewRequest(Activity activity, ChatUser user, string profile, string? reason) =>
        new(RequestId.New(), user, profile, reason, ReplyTarget.From(activity, user.Id.Tenant).ToJson(), time.GetUtcNow());

    private async Task SubmitAsync(Activity activity, SigninRequest request, CancellationToken cancellationToken)
    {
        using (RequestLogScope.Begin(logger, request.Id))
        {
            var submitted = await broker.SubmitAsync(request, cancellationToken);
            Log.Submitted(logger, request.Id.Value, request.Profile, submitted);
            if (submitted != SubmitResult.Accepted)
            {
                await ReplyAsync(activity, ChatNotices.For(submitted), cancellationToken);
            }
        }
    }

    public static string HelpText(IReadOnlyList<ProfileSummary> profiles)
    {
        var text = new StringBuilder("Ask for an AWS console link with `console PROFILE [-s|--service SERVICE] [-r|--region REGION] [REASON]` (e.g. `-s ec2 -r eu-west-1`; services: ec2, s3, cloudwatch, ddb, iam, lambda, rds, …). ");
        if (profiles.Count == 0)
        {
            return text.Append("You may not use any profile yet: ask an admin to add you to a profile's allow-list.").ToString();
        }

        text.Append("Your profiles:\n\n");
        foreach (var profile in profiles)
        {
            text.Append($"- **{profile.Name}**{(profile.Description is null ? string.Empty : " — " + profile.Description)}{(profile.NeedsApproval ? " (needs approval)" : string.Empty)}\n");
        }

        return text.Append("\nAlso: `status`, `cancel REQUEST-ID`, `revoke REQUEST-ID`; in an emergency, where a profile allows it, `break-glass PROFILE REASON` gives a short session at once (its approvers are told and must acknowledge it).").ToString();
    }

    /// <summary>Recent requests; a pending one says whom it waits for (named, not pinged), an approved one its reuse window.</summary>
    private async Task<string> StatusTextAsync(Activity activity, IReadOnlyList<RequestStatus> statuses, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return "You have no recent requests.";
        }

        var text = new StringBuilder("Your recent requests:\n\n");
        foreach (var s in statuses)
        {
            text.Append($"- `{s.Id.Value}` **{s.Profile}**: {s.LastStep} at {AdaptiveCard.Time(s.At)}{(s.DecidedBy is null ? string.Empty : " by " + s.DecidedBy)}");
            if (s.WaitingFor.Count > 0)
            {
                var names = await approvers.NamesAsync(s.WaitingFor, activity.ServiceUrl!, activity.Conversation!.Id!, cancellationToken);
                text.Append(" · waiting for ").Append(string.Join(", ", names));
            }

            if (s.ReuseUntil is { } until)
            {
                text.Append($" · fresh links without asking until {AdaptiveCard.Time(until)}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private Task<string> ReplyAsync(Activity activity, string text, CancellationToken cancellationToken) =>
        connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, OutboundActivity.Text(text), activity.Id, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Teams request {RequestId} for profile {Profile}: {Result}")]
        public static partial void Submitted(ILogger logger, string requestId, string profile, SubmitResult result);
    }
}
