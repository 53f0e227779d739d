using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Audit;

/// <summary>Maps <see cref="AuditEvent"/> to and from a row of <c>audit_events</c>; one column per field.</summary>
internal static class AuditRows
{
    public const string Columns =
        "request_id, type, at, requester, handle, platform, profile, role_arn, session_name, source_identity, actor, reason, code, duration_ticks";

    public const string Values =
        "@request_id, @type, @at, @requester, @handle, @platform, @profile, @role_arn, @session_name, @source_identity, @actor, @reason, @code, @duration_ticks";

    public static NpgsqlCommand WithEvent(this NpgsqlCommand command, AuditEvent e) => command
        .With("request_id", e.RequestId.Value)
        .With("type", e.Type.ToString())
        .With("at", PostgresValues.Time(e.At))
        .With("requester", e.Requester)
        .With("handle", e.Handle)
        .With("platform", e.Platform?.ToString())
        .With("profile", e.Profile)
        .With("role_arn", e.RoleArn)
        .With("session_name", e.SessionName)
        .With("source_identity", e.SourceIdentity)
        .With("actor", e.Actor)
        .With("reason", e.Reason)
        .With("code", e.Code)
        .With("duration_ticks", e.Duration?.Ticks);

    public static AuditEvent Read(NpgsqlDataReader reader)
    {
        var platform = reader.ReadNullableText("platform");
        var duration = reader.GetOrdinal("duration_ticks");
        return new AuditEvent(new RequestId(reader.ReadText("request_id")), reader.ReadEnum<AuditEventType>("type"), reader.ReadTime("at"))
        {
            Requester = reader.ReadNullableText("requester"),
            Handle = reader.ReadNullableText("handle"),
            Platform = platform is null ? null : Enum.Parse<ChatPlatform>(platform),
            Profile = reader.ReadNullableText("profile"),
            RoleArn = reader.ReadNullableText("role_arn"),
            SessionName = reader.ReadNullableText("session_name"),
            SourceIdentity = reader.ReadNullableText("source_identity"),
            Actor = reader.ReadNullableText("actor"),
            Reason = reader.ReadNullableText("reason"),
            Code = reader.ReadNullableText("code"),
            Duration = reader.IsDBNull(duration) ? null : TimeSpan.FromTicks(reader.GetInt64(duration)),
        };
    }
}
