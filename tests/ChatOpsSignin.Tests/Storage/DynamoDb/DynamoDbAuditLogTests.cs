using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Audit;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditLogTests(DynaliteFixture dynalite)
{
    private static AuditEvent Event(AuditEventType type, DateTimeOffset at, ChatUser requester, string profile = "prod-readonly", ChatUser? actor = null) =>
        new(RequestId.New(), type, at)
        {
            Requester = requester.Id.Key,
            Handle = requester.Handle,
            Platform = requester.Id.Platform,
            Profile = profile,
            Actor = actor?.Id.Key,
        };

    [Fact]
    public async Task Every_Field_Round_Trips_And_Same_Instant_Events_Keep_Their_Order()
    {
        var log = new DynamoDbAuditLog(await dynalite.NewTableAsync());
        var full = Event(AuditEventType.CredentialsIssued, T0, Alice, actor: Bob) with
        {
            RoleArn = "arn:aws:iam::111122223333:role/ReadOnly",
            SessionName = "alice",
            SourceIdentity = "slack-T1-UALICE",
            Reason = "INC-1",
            Code = "ok",
            Duration = TimeSpan.FromMinutes(45),
        };
        var events = new[] { Event(AuditEventType.Requested, T0, Alice), Event(AuditEventType.Approved, T0, Alice, actor: Bob), full };
        foreach (var e in events)
        {
            await log.AppendAsync(e, default);
        }

        Assert.Equal(events, await log.QueryAsync(new AuditQuery(), default));
    }

    [Fact]
    public async Task Queries_By_Time_User_And_Profile_Return_The_Newest_Matches_Oldest_First()
    {
        var log = new DynamoDbAuditLog(await dynalite.NewTableAsync());
        var aliceAsks = Event(AuditEventType.Requested, T0, Alice);
        var bobApproves = Event(AuditEventType.Approved, T0.AddMinutes(1), Alice, actor: Bob);
        var bobAsks = Event(AuditEventType.Requested, T0.AddMinutes(2), Bob, "prod-admin");
        var carolAsks = Event(AuditEventType.Refused, T0.AddMinutes(3), Carol);
        foreach (var e in new[] { aliceAsks, bobApproves, bobAsks, carolAsks })
        {
            await log.AppendAsync(e, default);
        }

        Assert.Equal([aliceAsks, bobApproves, bobAsks, carolAsks], await log.QueryAsync(new AuditQuery(), default));
        Assert.Equal([bobAsks, carolAsks], await log.QueryAsync(new AuditQuery(Limit: 2), default));
        Assert.Equal([bobApproves, bobAsks, carolAsks], await log.QueryAsync(new AuditQuery(Since: T0.AddMinutes(1)), default));
        Assert.Equal([bobApproves, bobAsks], await log.QueryAsync(new AuditQuery(User: Bob.Id.Key), default));
        Assert.Equal([aliceAsks, bobApproves], await log.QueryAsync(new AuditQuery(User: Alice.Id.Key), default));
        Assert.Equal([bobApproves], await log.QueryAsync(new AuditQuery(User: Bob.Id.Key, Profile: "prod-readonly"), default));
        Assert.Equal([bobAsks], await log.QueryAsync(new AuditQuery(Since: T0.AddMinutes(2), User: Bob.Id.Key), default));
        Assert.Equal([aliceAsks, bobApproves, carolAsks], await log.QueryAsync(new AuditQuery(Profile: "prod-readonly"), default));
        Assert.Equal([carolAsks], await log.QueryAsync(new AuditQuery(Since: T0.AddMinutes(2), Profile: "prod-readonly"), default));
        Assert.Empty(await log.QueryAsync(new AuditQuery(User: "slack:T9/UNOBODY"), default));
    }
}
