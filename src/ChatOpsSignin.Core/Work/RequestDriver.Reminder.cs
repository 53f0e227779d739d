using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>Half way from the request to its expiry: when a still-undecided request re-notifies its approvers, once.</summary>
    private static DateTimeOffset RemindAt(PendingApproval approval) =>
        approval.Request.RequestedAt + ((approval.ExpiresAt - approval.Request.RequestedAt) / 2);

    /// <summary>The next wake-up of AwaitDecision: the recheck (or expiry), or the reminder if that comes first.</summary>
    private static DateTimeOffset NextCheck(WorkItem item, PendingApproval approval, DateTimeOffset check) =>
        !item.State.Reminded && RemindAt(approval) < check ? RemindAt(approval) : check;

    /// <summary>Records the reminder, then sends it: a crash in between loses it rather than sending it twice.</summary>
    private async Task<WorkItem> RemindAsync(
        StepContext step, WorkItem item, PendingApproval approval, IChatDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item.State.Reminded || now < RemindAt(approval) || approval.PromptRef is null)
        {
            return item;
        }

        item = item with { State = item.State with { Reminded = true } };
        await step.SaveOrThrowAsync(item, cancellationToken);
        var voted = approval.Votes.Select(v => v.Person).ToHashSet(StringComparer.Ordinal);
        var notify = new ValueList<Identity.ChatUser>(rules.NotifyFor(approval).Where(u => !voted.Contains(rules.PersonOf(u.Id))));
        await delivery.RemindApproversAsync(approval with { Notify = notify, MayDecide = rules.StillMayDecide(approval) }, cancellationToken);
        ReminderLog.Sent(logger, item.Id.Value, notify.Count);
        return item;
    }

    private static partial class ReminderLog
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Request {RequestId}: approvers reminded ({Count} mentioned)")]
        public static partial void Sent(ILogger logger, string requestId, int count);
    }
}
