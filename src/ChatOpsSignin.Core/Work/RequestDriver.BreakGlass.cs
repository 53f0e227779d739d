using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// Break-glass: the rules (<see cref="BreakGlassRules"/>), then the announcement in the approval channel before anything is
/// issued (a channel that cannot be told means no access), then the usual Issue with the short session, and one repost
/// of an announcement nobody acknowledged, <c>BreakGlass:RepostAfter</c> after the request.
/// </summary>
public sealed partial class RequestDriver
{
    private async Task<WorkItem?> EvaluateBreakGlassAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var plan = await breakGlass.PlanAsync(request, cancellationToken);
        if (!plan.Succeeded)
        {
            return await RefuseBreakGlassAsync(item, delivery, plan.Failure, cancellationToken);
        }

        var profile = plan.Value.Profile;
        if (targets.Refuse(profile.Name, profile.Options, ConsoleTarget.Of(request)) is { } badTarget)
        {
            return await RefuseBreakGlassAsync(item, delivery, badTarget, cancellationToken);
        }

        var record = new PendingApproval(request, plan.Value.SessionEndsAt + BreakGlassRules.AcknowledgeWindow, ApprovalState.Pending)
        {
            SessionEndsAt = plan.Value.SessionEndsAt,
        };
        await approvals.TryAddAsync(record, cancellationToken);
        return item.Then(WorkStep.AnnounceBreakGlass, time.GetUtcNow());
    }

    private async Task<WorkItem?> RefuseBreakGlassAsync(WorkItem item, IChatDelivery delivery, SigninFailure failure, CancellationToken cancellationToken)
    {
        var request = item.Request;
        Finished(request, "refused", failure.Code);
        await refusals.RecordAsync(request, failure.Code, cancellationToken, type: AuditEventType.BreakGlassRefused);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(failure), cancellationToken);
        return null;
    }

    /// <summary>Posts the announcement and its review thread once (a recorded PromptRef means they are out), then issues.</summary>
    private async Task<WorkItem?> AnnounceBreakGlassAsync(WorkItem item, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var record = await approvals.GetAsync(request.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Break-glass {request.Id} has no record.");
        if (record.PromptRef is null)
        {
            var channel = catalog.Find(request.Profile)?.Options.Approval?.ChannelFor(request.Platform)
                ?? throw new InvalidOperationException($"Break-glass {request.Id}: the profile or its approval channel is gone.");
            var promptRef = await delivery.PostBreakGlassAsync(Addressed(record), channel, cancellationToken);
            await approvals.SetPromptRefAsync(request.Id, promptRef, cancellationToken);
            BreakGlassLog.Announced(logger, request.Id.Value, request.Profile);
        }

        return item.Then(WorkStep.Issue, time.GetUtcNow());
    }

    /// <summary>Records the repost before sending it (at most once), only while nobody has acknowledged; then on to the link's removal.</summary>
    private async Task<WorkItem?> RepostBreakGlassAsync(StepContext step, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var item = step.Item with { State = step.Item.State with { BreakGlassReposted = true } };
        var record = await approvals.GetAsync(item.Id, cancellationToken);
        if (record is { State: ApprovalState.Pending, PromptRef: not null })
        {
            await step.SaveOrThrowAsync(item, cancellationToken);
            await delivery.RepostBreakGlassAsync(Addressed(record), cancellationToken);
            await audit.RecordAsync(item.Request, AuditEventType.BreakGlassReposted, null, cancellationToken);
            BreakGlassLog.Reposted(logger, item.Id.Value);
        }

        var now = time.GetUtcNow();
        return delivery.RemovesLinks && item.State.LinkExpiresAt is { } expiresAt
            ? item.Then(WorkStep.RemoveLink, expiresAt > now ? expiresAt : now)
            : null;
    }

    /// <summary>
    /// What comes after the link is out (or removed): the once-only repost of a break-glass when it is due before
    /// <paramref name="next"/> (or nothing else is left); otherwise <paramref name="next"/> itself.
    /// </summary>
    private WorkItem? WithRepost(WorkItem item, WorkItem? next)
    {
        if (!item.Request.BreakGlass || item.State.BreakGlassReposted || breakGlass.RepostAt(item.Request) is not { } at
            || (next is not null && next.DueAt <= at))
        {
            return next;
        }

        return (next ?? item).Then(WorkStep.RepostBreakGlass, at);
    }

    /// <summary>The announcement went out but nothing was issued after all: the approvers are told so (nothing to acknowledge).</summary>
    private async Task BreakGlassNotIssuedAsync(SigninRequest request, IChatDelivery delivery, SigninFailure failure, CancellationToken cancellationToken)
    {
        if (request.BreakGlass && await approvals.GetAsync(request.Id, cancellationToken) is { PromptRef: not null } record)
        {
            await delivery.ShowBreakGlassNotIssuedAsync(record, failure, cancellationToken);
        }
    }

    /// <summary>A break-glass runs with its own, shorter session; every other request with the profile's.</summary>
    private static ProfileCatalog.Entry SessionProfile(SigninRequest request, ProfileCatalog.Entry profile) =>
        request.BreakGlass ? profile with { Options = BreakGlassRules.SessionOf(profile) } : profile;

    private Task RecordBreakGlassIssuedAsync(SigninRequest request, IssuedCredentials issued, CancellationToken cancellationToken) =>
        request.BreakGlass
            ? audit.RecordAsync(request, AuditEventType.BreakGlassIssued, e => e.WithSession(issued) with { Reason = request.Reason, Duration = issued.Duration }, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Who the announcement pings and who may acknowledge (the approvers, less the requester).</summary>
    private PendingApproval Addressed(PendingApproval record) =>
        record with { Notify = rules.NotifyFor(record), MayDecide = rules.StillMayDecide(record) };

    private static partial class BreakGlassLog
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Request {RequestId}: break-glass on profile {Profile} announced to its approvers")]
        public static partial void Announced(ILogger logger, string requestId, string profile);

        [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Request {RequestId}: unacknowledged break-glass announced again")]
        public static partial void Reposted(ILogger logger, string requestId);
    }
}
