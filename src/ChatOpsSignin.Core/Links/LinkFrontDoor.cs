using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.Core.Work;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Links;

/// <summary>
/// The way in for <c>GET /go/&lt;id&gt;</c>: consume the ticket (once), audit the click (time, source address, user agent),
/// then let the <see cref="RequestDriver"/> re-check the request and issue credentials and the sign-in URL, now.
/// </summary>
public sealed partial class LinkFrontDoor(
    ClickThroughLinks links, RequestDriver driver, RevocationMarks revocations, AuditTrail audit, ILogger<LinkFrontDoor> logger)
{
    private const int MaxUserAgent = 200;

    public async Task<ClickOutcome> OpenAsync(string id, ClickSource source, CancellationToken cancellationToken)
    {
        var (claim, payload) = await links.ConsumeAsync(id, cancellationToken);
        if (claim.Status == LinkTicketStatus.Unknown || payload is null)
        {
            Log.Unknown(logger, source.Address);
            return ClickPages.Unknown;
        }

        var request = payload.Request;
        var revoked = claim.Status == LinkTicketStatus.Consumed && await revocations.IsRevokedAsync(request.Id, cancellationToken);
        var where = $"from {source.Address ?? "?"}; {Shorten(source.UserAgent)}";
        Log.Clicked(logger, request.Id.Value, request.Profile, claim.Status.ToString(), source.Address, Shorten(source.UserAgent));
        await audit.RecordAsync(
            request,
            AuditEventType.LinkOpened,
            e => e with { Actor = request.Requester.Id.Key, Code = revoked ? ClickPages.RevokedCode : claim.Status == LinkTicketStatus.Consumed ? null : ClickPages.CodeOf(claim.Status), Reason = where },
            cancellationToken);
        if (claim.Status != LinkTicketStatus.Consumed)
        {
            return ClickPages.For(claim.Status, request.Profile);
        }

        if (revoked)
        {
            return ClickPages.Revoked(request.Profile);
        }

        var link = await driver.IssueAtClickAsync(request, payload.Approver, cancellationToken);
        if (!link.Succeeded)
        {
            return ClickPages.Refused(request.Profile, link.Failure);
        }

        // A revoke recorded while the credentials were made: the URL is dropped. One recorded later denies these credentials,
        // because its Deny covers every token issued before the revoke step ran.
        if (await revocations.IsRevokedAsync(request.Id, cancellationToken))
        {
            await audit.RecordAsync(request, AuditEventType.Refused, e => e with { Code = ClickPages.RevokedCode }, cancellationToken);
            return ClickPages.Revoked(request.Profile);
        }

        return new ClickOutcome.Redirect(link.Value);
    }

    private static string Shorten(string? userAgent) => userAgent is null ? "no user agent"
        : userAgent.Length <= MaxUserAgent ? userAgent : userAgent[..MaxUserAgent] + "…";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} ({Profile}): click-through link opened ({Status}) from {Address}, {UserAgent}.")]
        public static partial void Clicked(ILogger logger, string requestId, string profile, string status, string? address, string userAgent);

        [LoggerMessage(Level = LogLevel.Information, Message = "Unknown click-through link id opened from {Address}.")]
        public static partial void Unknown(ILogger logger, string? address);
    }
}
