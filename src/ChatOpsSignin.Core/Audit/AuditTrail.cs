using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Audit;

/// <summary>Appends each event to the audit log and writes it as one structured log line (ids and codes only).</summary>
public sealed partial class AuditTrail(IAuditLog log, TimeProvider time, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(SigninRequest request, AuditEventType type, Func<AuditEvent, AuditEvent>? details, CancellationToken cancellationToken)
    {
        var auditEvent = new AuditEvent(request.Id, type, time.GetUtcNow())
        {
            Requester = request.Requester.Id.Key,
            Handle = request.Requester.Handle,
            Platform = request.Platform,
            Profile = request.Profile,
        };
        await RecordAsync(details is null ? auditEvent : details(auditEvent), cancellationToken);
    }

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Log.Event(
            logger,
            auditEvent.Type,
            auditEvent.RequestId.Value,
            auditEvent.Requester,
            auditEvent.Profile,
            auditEvent.RoleArn,
            auditEvent.SessionName,
            auditEvent.Actor,
            auditEvent.Code);
        await log.AppendAsync(auditEvent, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Debug,
            Message = "Audit {Type} request {RequestId} requester {Requester} profile {Profile} role {RoleArn} session {SessionName} actor {Actor} code {Code}")]
        public static partial void Event(
            ILogger logger, AuditEventType type, string requestId, string? requester, string? profile, string? roleArn, string? sessionName, string? actor, string? code);
    }
}
