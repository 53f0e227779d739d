using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Audit;

/// <summary>
/// Maps <see cref="AuditEvent"/> to and from its items. One event is one item in the requester's partition
/// (<c>pk = audit-user#{requester}</c>, answers the user query with the table's own key), also in <c>gsi1</c> under
/// <c>audit-profile#{profile}</c> (the profile query) and in <c>gsi2</c> under <c>audit</c> (the time query). When an actor
/// other than the requester decided, a copy goes into the actor's partition without index keys, so the user query finds
/// it and the time and profile queries do not count it twice. Every sort key is <c>{at}#{sequence}</c>.
/// </summary>
internal static class AuditItems
{
    public const string At = "at";
    public const string Profile = "profile";
    public const string TimePartition = "audit";

    private static long sequence = Stopwatch.GetTimestamp();

    public static string UserPartition(string user) => "audit-user#" + user;

    public static string ProfilePartition(string profile) => "audit-profile#" + profile;

    /// <summary>
    /// Orders events with the same <c>at</c> by when this process appended them (a monotonic counter seeded from the
    /// machine's monotonic clock), and keeps two events from ever sharing a key. Across replicas same-instant events have
    /// no defined order.
    /// </summary>
    public static string SortKey(DateTimeOffset at) =>
        $"{Attr.Time(at)}#{Interlocked.Increment(ref sequence).ToString("D20", CultureInfo.InvariantCulture)}";

    /// <summary>The event's item and, when someone else acted, the actor's copy.</summary>
    public static IEnumerable<Dictionary<string, AttributeValue>> Write(AuditEvent e)
    {
        var sortKey = SortKey(e.At);
        var owner = e.Requester ?? e.Actor;
        var item = Fields(e);
        item[Keys.Pk] = Attr.S(owner is null ? "audit-event#" + sortKey : UserPartition(owner));
        item[Keys.Sk] = Attr.S(sortKey);
        if (e.Profile is { } profile)
        {
            item[Keys.Gsi1Pk] = Attr.S(ProfilePartition(profile));
            item[Keys.Gsi1Sk] = Attr.S(sortKey);
        }

        item[Keys.Gsi2Pk] = Attr.S(TimePartition);
        item[Keys.Gsi2Sk] = Attr.S(sortKey);
        yield return item;

        if (e.Actor is { } actor && e.Requester is not null && actor != e.Requester)
        {
            var copy = Fields(e);
            copy[Keys.Pk] = Attr.S(UserPartition(actor));
            copy[Keys.Sk] = Attr.S(sortKey);
            yield return copy;
        }
    }

    private static Dictionary<string, AttributeValue> Fields(AuditEvent e)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["request_id"] = Attr.S(e.RequestId.Value),
            ["type"] = Attr.S(e.Type.ToString()),
            [At] = Attr.At(e.At),
        };
        item.SetIfNotNull("requester", e.Requester);
        item.SetIfNotNull("handle", e.Handle);
        item.SetIfNotNull("platform", e.Platform?.ToString());
        item.SetIfNotNull(Profile, e.Profile);
        item.SetIfNotNull("role_arn", e.RoleArn);
        item.SetIfNotNull("session_name", e.SessionName);
        item.SetIfNotNull("source_identity", e.SourceIdentity);
        item.SetIfNotNull("actor", e.Actor);
        item.SetIfNotNull("reason", e.Reason);
        item.SetIfNotNull("code", e.Code);
        if (e.Duration is { } duration)
        {
            item["duration_ticks"] = Attr.N(duration.Ticks);
        }

        return item;
    }

    public static AuditEvent Read(Dictionary<string, AttributeValue> item) =>
        new(new RequestId(item.Text("request_id")), item.Enum<AuditEventType>("type"), item.Time(At))
        {
            Requester = item.OptionalText("requester"),
            Handle = item.OptionalText("handle"),
            Platform = item.OptionalText("platform") is { } platform ? Enum.Parse<ChatPlatform>(platform) : null,
            Profile = item.OptionalText(Profile),
            RoleArn = item.OptionalText("role_arn"),
            SessionName = item.OptionalText("session_name"),
            SourceIdentity = item.OptionalText("source_identity"),
            Actor = item.OptionalText("actor"),
            Reason = item.OptionalText("reason"),
            Code = item.OptionalText("code"),
            Duration = item.ContainsKey("duration_ticks") ? TimeSpan.FromTicks(item.Number("duration_ticks")) : null,
        };
}
