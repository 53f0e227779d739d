using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using static ChatOpsSignin.Tests.Storage.TempDatabase;


namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    private const string Alice = "slack:T1/U1";
    private const string Bob = "slack:T1/U2";
    private const string Carol = "teams:tenant/aad-3";


    public static TheoryData<string, AuditQuery, string[]> Queries => new()
    {
        { "everything, oldest first", new AuditQuery(), ["a1", "a2", "b1", "c1", "a3"] },
        { "since is inclusive", new AuditQuery(Since: T0.AddMinutes(2)), ["b1", "c1", "a3"] },
        { "user matches the requester", new AuditQuery(User: Carol), ["c1"] },
        { "user matches the approver as actor", new AuditQuery(User: Bob), ["a2", "b1"] },
        { "profile", new AuditQuery(Profile: "prod"), ["a1", "a2", "a3"] },
        { "filters combine", new AuditQuery(Since: T0.AddMinutes(1), User: Alice, Profile: "prod"), ["a2", "a3"] },
        { "limit keeps the newest, still oldest first", new AuditQuery(Limit: 2), ["c1", "a3"] },
        { "no match", new AuditQuery(User: "slack:T9/U9"), [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_Filters_And_Orders(string because, AuditQuery query, string[] expected)
    {
        var log = NewReplica().Audit;
        await SeedAsync(log);

        var events = await log.QueryAsync(query, CancellationToken.None);

        Assert.True(expected.SequenceEqual(events.Select(e => e.Code)), $"{because}: got [{string.Join(", ", events.Select(e => e.Code))}]");
    }

    [Fact]
    public async Task Events_At_The_Same_Instant_Keep_Their_Append_Order()
    {
        var log = NewReplica().Audit;
        foreach (var code in new[] { "first", "second", "third" })
        {
            await log.AppendAsync(new AuditEvent(new RequestId("req_1"), AuditEventType.Requested, T0) { Code = code }, CancellationToken.None);
        }

        var events = await log.QueryAsync(new AuditQuery(), CancellationToken.None);

        Assert.Equal(["first", "second", "third"], events.Select(e => e.Code));
    }

    [Fact]
    public async Task Every_Audit_Field_Round_Trips_Including_Nulls_And_Unicode()
    {
        var log = NewReplica().Audit;
        var full = new AuditEvent(new RequestId("req_full"), AuditEventType.CredentialsIssued, T0.AddTicks(7))
        {
            Requester = "teams:tenant-ä/obj-1",
            Handle = "Zoë 山田 🚀",
            Platform = ChatPlatform.Teams,
            Profile = "prod-readonly",
            RoleArn = "arn:aws:iam::111122223333:role/ReadOnly",
            SessionName = "zoe-yamada",
            SourceIdentity = "zoe@example.com",
            Actor = Bob,
            Reason = "Störung «42»",
            Code = "ok",
            Duration = TimeSpan.FromSeconds(3600.5),
        };
        var bare = new AuditEvent(new RequestId("req_bare"), AuditEventType.Error, T0.AddMinutes(1));

        await log.AppendAsync(full, CancellationToken.None);
        await log.AppendAsync(bare, CancellationToken.None);

        Assert.Equal([full, bare], await log.QueryAsync(new AuditQuery(), CancellationToken.None));
    }


    private static async Task SeedAsync(IAuditLog log)
    {
        await log.AppendAsync(Event("a1", T0, Alice, "prod"), CancellationToken.None);
        await log.AppendAsync(Event("a2", T0.AddMinutes(1), Alice, "prod") with { Type = AuditEventType.Approved, Actor = Bob }, CancellationToken.None);
        await log.AppendAsync(Event("b1", T0.AddMinutes(2), Bob, "dev"), CancellationToken.None);
        await log.AppendAsync(Event("c1", T0.AddMinutes(3), Carol, "dev"), CancellationToken.None);
        await log.AppendAsync(Event("a3", T0.AddMinutes(4), Alice, "prod"), CancellationToken.None);
    }

    private static AuditEvent Event(string code, DateTimeOffset at, string requester, string profile) =>
        new(new RequestId("req_" + code), AuditEventType.Requested, at) { Requester = requester, Profile = profile, Code = code };

    [Fact]
    public async Task Pruning_Deletes_Only_Events_Older_Than_The_Cut_Everywhere_They_Are_Found()
    {
        var log = NewReplica().Audit;
        await SeedAsync(log);

        var deleted = await log.PruneAsync(T0.AddMinutes(2), CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(["b1", "c1", "a3"], (await log.QueryAsync(new AuditQuery(), CancellationToken.None)).Select(e => e.Code));
        Assert.Equal(["b1"], (await log.QueryAsync(new AuditQuery(User: Bob), CancellationToken.None)).Select(e => e.Code));
        Assert.Equal(["a3"], (await log.QueryAsync(new AuditQuery(Profile: "prod"), CancellationToken.None)).Select(e => e.Code));
        Assert.Equal(0, await log.PruneAsync(T0.AddMinutes(2), CancellationToken.None));
    }
}
