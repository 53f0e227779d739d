using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    private static readonly SigninFailure UndeliverableLink = new(
        "delivery_failed",
        "I could not send you the link privately, so it was discarded. In Teams, install the app for yourself; then ask again.",
        "Private delivery of the link failed; the link was discarded.");

    /// <summary>
    /// Re-checks the configuration in force now, opens the private slot (recorded), marks the show as started (recorded),
    /// then gets credentials and the link and shows it. A crash after the mark finds any copy already in chat instead of
    /// posting a second one.
    /// </summary>
    private async Task<WorkItem?> IssueAsync(StepContext step, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var item = step.Item;
        var request = item.Request;
        var granted = request.BreakGlass
            ? await breakGlass.RecheckAtIssueAsync(request, cancellationToken)
            : await rules.RecheckAtIssueAsync(request, item.State.Approver, item.State.Approvers, cancellationToken);
        if (!granted.Succeeded)
        {
            await BreakGlassNotIssuedAsync(request, delivery, granted.Failure, cancellationToken);
            return await RefuseAsync(item, delivery, granted.Failure, cancellationToken);
        }

        var profile = SessionProfile(request, granted.Value);

        if (item.State.ShowStartedAt is { } started && item.State.LinkSlot is { } openSlot)
        {
            var copies = await delivery.FindShownLinksAsync(openSlot, request, started, cancellationToken);
            if (copies.Count > 0)
            {
                return await RecordDeliveredAsync(item, copies, started + ConsoleLink.Lifetime, item.State.Approver, cancellationToken);
            }
        }

        var slot = item.State.LinkSlot ?? await delivery.OpenLinkSlotAsync(request, cancellationToken);
        item = item with { State = item.State with { LinkSlot = slot, ShowStartedAt = time.GetUtcNow() } };
        await step.SaveOrThrowAsync(item, cancellationToken);

        var access = clickThrough.Enabled
            ? await IssueClickThroughAsync(item, profile, cancellationToken)
            : await IssueAccessAsync(item, profile, cancellationToken);
        if (!access.Succeeded)
        {
            Finished(request, "failed", access.Failure.Code);
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = access.Failure.Code }, cancellationToken);
            await delivery.AbandonLinkSlotAsync(slot, request, access.Failure, cancellationToken);
            await BreakGlassNotIssuedAsync(request, delivery, access.Failure, cancellationToken);
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(access.Failure), cancellationToken);
            return null;
        }

        var (issued, link) = access.Value;
        await RecordBreakGlassIssuedAsync(request, issued, cancellationToken);
        string messageRef;
        var showing = time.GetTimestamp();
        try
        {
            messageRef = await delivery.ShowLinkAsync(slot, new LinkDelivery(request, link, issued), cancellationToken);
            telemetry.Stage("delivery", ProfileLabel(request), true, time.GetElapsedTime(showing));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            telemetry.Stage("delivery", ProfileLabel(request), false, time.GetElapsedTime(showing));
            Log.DeliveryFailed(logger, exception, request.Id.Value, request.Profile);
            return await UndeliveredAsync(item, delivery, slot, link, cancellationToken);
        }

        var delivered = await RecordDeliveredAsync(item, [messageRef], link.ExpiresAt, item.State.Approver, cancellationToken, issued);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.LinkSentPrivately(request.Profile), cancellationToken);
        Finished(request, "delivered", null);
        return WithRepost(delivered, delivery.RemovesLinks ? delivered : null);
    }

    private async Task<Outcome<AccessGranted>> IssueAccessAsync(WorkItem item, ProfileCatalog.Entry profile, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var approver = item.State.Approver;
        var credentialRequest = new CredentialRequest(
            request,
            profile.Name,
            profile.Options,
            SessionNames.For(request.Requester),
            SessionTags.For(request.Requester, approver, profile.Options, item.State.Approvers, request.BreakGlass),
            approver);
        var started = time.GetTimestamp();
        var issued = await credentials.IssueAsync(credentialRequest, cancellationToken);
        telemetry.Stage("credentials", profile.Name, issued.Succeeded, time.GetElapsedTime(started));
        if (!issued.Succeeded)
        {
            return issued.Failure;
        }

        await audit.RecordAsync(
            request,
            AuditEventType.CredentialsIssued,
            e => e.WithSession(issued.Value) with { Actor = QuorumVoting.ActorOf(item.State.Approvers, approver), Duration = issued.Value.Duration },
            cancellationToken);
        started = time.GetTimestamp();
        var link = await links.CreateAsync(issued.Value, profile.Name, profile.Options, ConsoleTarget.Of(request), cancellationToken);
        telemetry.Stage("link", profile.Name, link.Succeeded, time.GetElapsedTime(started));
        return link.Succeeded ? new AccessGranted(issued.Value, link.Value) : link.Failure;
    }

    /// <summary>The show failed: whatever may have reached chat is recorded for removal; the requester is told.</summary>
    private async Task<WorkItem?> UndeliveredAsync(
        WorkItem item, IChatDelivery delivery, string slot, ConsoleLink link, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var copies = await delivery.FindShownLinksAsync(slot, request, item.State.ShowStartedAt ?? link.CreatedAt, cancellationToken);
        try
        {
            // A show that failed may still have landed: where the slot is a message of its own (Teams), clear it.
            await delivery.AbandonLinkSlotAsync(slot, request, UndeliverableLink, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.DeliveryFailed(logger, exception, request.Id.Value, request.Profile);
        }

        Finished(request, "failed", UndeliverableLink.Code);
        await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = UndeliverableLink.Code }, cancellationToken);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(UndeliverableLink), cancellationToken);
        return copies.Count == 0 ? null : await RecordDeliveredAsync(item, copies, link.ExpiresAt, item.State.Approver, cancellationToken);
    }

    /// <summary>Records every message that carries (or may carry) the link, then schedules their removal.</summary>
    private async Task<WorkItem> RecordDeliveredAsync(
        WorkItem item,
        IReadOnlyList<string> messageRefs,
        DateTimeOffset expiresAt,
        Identity.ChatUser? approver,
        CancellationToken cancellationToken,
        IssuedCredentials? issued = null)
    {
        var request = item.Request;
        var now = time.GetUtcNow();
        foreach (var messageRef in messageRefs)
        {
            await issuedLinks.AddAsync(
                new IssuedLinkRecord(request.Id, request.Platform, request.Requester.Id, request.Profile, messageRef, now, expiresAt),
                cancellationToken);
        }

        await audit.RecordAsync(
            request,
            AuditEventType.LinkDelivered,
            e => (issued is null ? e : e.WithSession(issued)) with { Actor = QuorumVoting.ActorOf(item.State.Approvers, approver) },
            cancellationToken);
        return item.Then(WorkStep.RemoveLink, expiresAt) with { State = item.State with { LinkExpiresAt = expiresAt } };
    }

    private sealed record AccessGranted(IssuedCredentials Credentials, ConsoleLink Link);
}
