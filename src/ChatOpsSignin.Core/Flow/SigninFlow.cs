using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Flow;

/// <summary>
/// The slow half of a request, run by <see cref="SigninWorker"/>:
/// policy → (approval prompt | credentials → link → private delivery), every step audited.
/// </summary>
public sealed partial class SigninFlow(
    SigninPolicy policy,
    ProfileCatalog catalog,
    IApprovalStore approvals,
    IIssuedLinkStore issuedLinks,
    ConsoleAccessIssuer accessIssuer,
    DeliveryDirectory deliveries,
    AuditTrail audit,
    TimeProvider time,
    ILogger<SigninFlow> logger)
{
    private static readonly SigninFailure UndeliverableLink = new(
        "delivery_failed",
        "I could not send you the link privately, so it was discarded. In Teams, install the app for yourself; then ask again.",
        "Private delivery of the link failed; the link was discarded.");

    public Task RunAsync(SigninWork work, CancellationToken cancellationToken) => work switch
    {
        SigninWork.NewRequest w => HandleNewAsync(w.Request, cancellationToken),
        SigninWork.DecisionTaken w => HandleDecisionAsync(w.Approval, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(work), work, "Unknown work item."),
    };

    private async Task HandleNewAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(request, AuditEventType.Requested, e => e with { Reason = request.Reason }, cancellationToken);
        if (deliveries.For(request.Platform) is not { } delivery)
        {
            await RefuseAsync(request, PolicyRefusals.PlatformOff(request.Platform.ToString()), null, cancellationToken);
            return;
        }

        var granted = await policy.CheckAsync(request, cancellationToken);
        if (!granted.Succeeded)
        {
            await RefuseAsync(request, granted.Failure, delivery, cancellationToken);
            return;
        }

        var profile = granted.Value;
        if (profile.Options.Approval is { } approval)
        {
            await AskForApprovalAsync(request, approval, delivery, cancellationToken);
            return;
        }

        await IssueAndDeliverAsync(request, profile, approver: null, delivery, cancellationToken);
    }

    private async Task AskForApprovalAsync(
        SigninRequest request, ApprovalOptions options, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var pending = new PendingApproval(request, time.GetUtcNow() + options.Timeout, ApprovalState.Pending);
        await approvals.AddAsync(pending, cancellationToken);
        var promptRef = await delivery.PostApprovalPromptAsync(pending, options, cancellationToken);
        await approvals.SetPromptRefAsync(request.Id, promptRef, cancellationToken);
        await audit.RecordAsync(request, AuditEventType.ApprovalRequested, e => e with { Reason = request.Reason }, cancellationToken);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.AwaitingApproval(request.Profile, pending.ExpiresAt), cancellationToken);
    }

    private async Task HandleDecisionAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        var request = approval.Request;
        if (deliveries.For(request.Platform) is not { } delivery)
        {
            Log.NoDelivery(logger, request.Id.Value, request.Platform);
            return;
        }

        await delivery.UpdateApprovalPromptAsync(approval, cancellationToken);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.Decided(approval.State, approval.DecidedBy), cancellationToken);
        if (approval.State != ApprovalState.Approved)
        {
            return;
        }

        if (catalog.Find(request.Profile) is not { } profile)
        {
            await RefuseAsync(request, PolicyRefusals.UnknownProfile(request.Profile), delivery, cancellationToken);
            return;
        }

        await IssueAndDeliverAsync(request, profile, approval.DecidedBy, delivery, cancellationToken);
    }

    private async Task IssueAndDeliverAsync(
        SigninRequest request, ProfileCatalog.Entry profile, ChatUser? approver, IChatDelivery delivery, CancellationToken cancellationToken)
    {
        var access = await accessIssuer.IssueAsync(request, profile, approver, cancellationToken);
        if (!access.Succeeded)
        {
            Log.IssueFailed(logger, request.Id.Value, profile.Name, access.Failure.Code, access.Failure.AdminMessage);
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = access.Failure.Code }, cancellationToken);
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(access.Failure), cancellationToken);
            return;
        }

        var (credentials, link) = (access.Value.Credentials, access.Value.Link);
        string messageRef;
        try
        {
            messageRef = await delivery.DeliverLinkAsync(new LinkDelivery(request, link, credentials), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The link is dropped: it was never stored, and a bearer URL must not go anywhere but the requester's DM.
            Log.DeliveryFailed(logger, exception, request.Id.Value, profile.Name);
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = UndeliverableLink.Code }, cancellationToken);
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(UndeliverableLink), cancellationToken);
            return;
        }

        await issuedLinks.AddAsync(
            new IssuedLinkRecord(request.Id, request.Platform, request.Requester.Id, profile.Name, messageRef, link.CreatedAt, link.ExpiresAt),
            cancellationToken);
        await audit.RecordAsync(
            request, AuditEventType.LinkDelivered, e => e.WithSession(credentials) with { Actor = approver?.Id.Key }, cancellationToken);
        await delivery.NotifyRequesterAsync(request, new RequesterNotice.LinkSentPrivately(profile.Name), cancellationToken);
    }

    private async Task RefuseAsync(SigninRequest request, SigninFailure failure, IChatDelivery? delivery, CancellationToken cancellationToken)
    {
        Log.Refused(logger, request.Id.Value, request.Profile, failure.Code);
        await audit.RecordAsync(request, AuditEventType.Refused, e => e with { Code = failure.Code }, cancellationToken);
        if (delivery is not null)
        {
            await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(failure), cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Request {RequestId} for profile {Profile} refused: {Code}")]
        public static partial void Refused(ILogger logger, string requestId, string profile, string code);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Request {RequestId} for profile {Profile} failed: {Code}. {AdminMessage}")]
        public static partial void IssueFailed(ILogger logger, string requestId, string profile, string code, string adminMessage);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Request {RequestId} for profile {Profile}: the link could not be delivered")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string requestId, string profile);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Request {RequestId}: no delivery registered for {Platform}")]
        public static partial void NoDelivery(ILogger logger, string requestId, ChatPlatform platform);
    }
}
