using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Approvals;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Delivery;
using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

public sealed class RestartSurvivalTests : IDisposable
{
    private readonly TempDatabase database = new();

    [Fact]
    public async Task A_Reopened_Data_File_Keeps_Approvals_Links_Audit_And_Rate_Limits()
    {
        var id = new RequestId("req_restart");
        var link = Conformance.StoreConformance.Link(id.Value, T0.AddMinutes(15));
        var audit = new AuditEvent(id, AuditEventType.LinkDelivered, T0) { Requester = "slack:T1/U1", Profile = "prod-readonly" };
        using (var before = new SqliteConnectionFactory(database.DatabasePath))
        {
            await new SqliteApprovalStore(before).TryAddAsync(Approval(id.Value), CancellationToken.None);
            await new SqliteIssuedLinkStore(before).AddAsync(link, CancellationToken.None);
            await new SqliteAuditLog(before).AppendAsync(audit, CancellationToken.None);
            Assert.True(await new SqliteRateLimitStore(before).TryAcquireAsync("k", T0, TimeSpan.FromHours(1), 1, CancellationToken.None));
        }

        var after = database.NewReplica();

        Assert.Equal(Approval(id.Value), await new SqliteApprovalStore(after).GetAsync(id, CancellationToken.None));
        Assert.Equal([link], await new SqliteIssuedLinkStore(after).ListForRequestAsync(id, CancellationToken.None));
        Assert.Equal([audit], await new SqliteAuditLog(after).QueryAsync(new AuditQuery(), CancellationToken.None));
        Assert.False(await new SqliteRateLimitStore(after).TryAcquireAsync("k", T0.AddMinutes(1), TimeSpan.FromHours(1), 1, CancellationToken.None));
    }

    public void Dispose() => database.Dispose();
}
