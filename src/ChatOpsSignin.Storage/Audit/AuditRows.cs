using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Audit;

/// <summary>Maps <see cref="AuditEvent"/> to and from a row of <c>audit_events</c>; one column per field.</summary>
internal static class AuditRows
{
    public const string Columns =
        "request_id, type, at, requester, handle, platform, profile, role_arn, session_name, source_identity, actor, reason, code, duration_ticks";

    public static SqliteCommand WithEvent(this SqliteCommand command, AuditEvent e) => command
        .With("$request_id", e.RequestId.Value)
        .With("$type", e.Type.ToString())
        .With("$at", SqliteValues.Time(e.At))
        .With("$requester", e.Requester)
        .With("$handle", e.Handle)
        .With("$platform", e.Platform?.ToString())
        .With("$profile", e.Profile)
        .With("$role_arn", e.RoleArn)
        .With("$session_name", e.SessionName)
        .With("$source_identity", e.SourceIdentity)
        .With("$actor", e.Actor)
        .With("$reason", e.Reason)
        .With("$code", e.Code)
        .With("$duration_ticks", e.Duration?.Ticks);

    public static AuditEvent Read(SqliteDataReader reader)
    {
        var platform = SqliteValues.ReadNullableText(reader, "platform");
        var duration = reader.GetOrdinal("duration_ticks");
        return new AuditEvent(
            new RequestId(SqliteValues.ReadText(reader, "request_id")),
            SqliteValues.ReadEnum<AuditEventType>(reader, "type"),
            SqliteValues.ReadTime(reader, "at"))
        {
            Requester = SqliteValues.ReadNullableText(reader, "requester"),
            Handle = SqliteValues.ReadNullableText(reader, "handle"),
            Platform = platform is null ? null : Enum.Parse<ChatPlatform>(platform),
            Profile = SqliteValues.ReadNullableText(reader, "profile"),
            RoleArn = SqliteValues.ReadNullableText(reader, "role_arn"),
            SessionName = SqliteValues.ReadNullableText(reader, "session_name"),
            SourceIdentity = SqliteValues.ReadNullableText(reader, "source_identity"),
            Actor = SqliteValues.ReadNullableText(reader, "actor"),
            Reason = SqliteValues.ReadNullableText(reader, "reason"),
            Code = SqliteValues.ReadNullableText(reader, "code"),
            Duration = reader.IsDBNull(duration) ? null : TimeSpan.FromTicks(reader.GetInt64(duration)),
        };
    }
}
