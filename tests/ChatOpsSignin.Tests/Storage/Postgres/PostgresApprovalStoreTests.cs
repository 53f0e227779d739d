using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Postgres.Approvals;

namespace ChatOpsSignin.Tests.Storage.Postgres;

public sealed class PostgresApprovalStoreTests(PostgresCluster cluster) : PostgresTestDatabase(cluster)
{
    private static readonly DateTimeOffset T0 = TempDatabase.T0;
    private static readonly ChatUser Bob = new(ChatUserId.Parse("slack:T1/U2"), "bob");
    private static readonly ChatUser Carol = new(ChatUserId.Parse("slack:T1/U3"), "carol");

    [Fact]
    public async Task An_Approval_Is_Added_Once_And_Round_Trips()
    {
        var store = new PostgresApprovalStore(Database);
        var approval = TempDatabase.Approval("r1");

        Assert.True(await store.TryAddAsync(approval, default));
        Assert.False(await store.TryAddAsync(approval with { State = ApprovalState.Denied }, default));
        await store.SetPromptRefAsync(approval.Request.Id, "C1/123.456", default);

        Assert.Equal(approval with { PromptRef = "C1/123.456" }, await store.GetAsync(approval.Request.Id, default));
        Assert.Null(await store.GetAsync(new RequestId("nope"), default));
    }

    [Fact]
    public async Task Two_Replicas_Deciding_At_Once_Give_One_Winner_And_The_Loser_Sees_The_Decision()
    {
        for (var round = 0; round < 20; round++)
        {
            var id = new RequestId($"race-{round}");
            await new PostgresApprovalStore(Database).TryAddAsync(TempDatabase.Approval(id.Value), default);
            var a = new PostgresApprovalStore(NewReplica());
            var b = new PostgresApprovalStore(NewReplica());

            var results = await Task.WhenAll(
                Task.Run(() => a.TryDecideAsync(id, ApprovalState.Approved, Bob, T0.AddMinutes(1), default)),
                Task.Run(() => b.TryDecideAsync(id, ApprovalState.Denied, Carol, T0.AddMinutes(1), default)));

            var winner = Assert.Single(results, r => r.Won);
            var loser = Assert.Single(results, r => !r.Won);
            Assert.NotEqual(ApprovalState.Pending, winner.Current!.State);
            Assert.Equal(winner.Current, loser.Current);
        }
    }

    [Fact]
    public async Task An_Expired_Request_Cannot_Be_Approved_But_Can_Be_Marked_Expired()
    {
        var store = new PostgresApprovalStore(Database);
        var approval = TempDatabase.Approval("r1", expiresAt: T0.AddMinutes(30));
        await store.TryAddAsync(approval, default);

        var late = await store.TryDecideAsync(approval.Request.Id, ApprovalState.Approved, Bob, T0.AddMinutes(30), default);
        var expired = await store.TryDecideAsync(approval.Request.Id, ApprovalState.Expired, null, T0.AddMinutes(31), default);

        Assert.False(late.Won);
        Assert.Equal(ApprovalState.Pending, late.Current!.State);
        Assert.True(expired.Won);
        Assert.Equal((ApprovalState.Expired, (ChatUser?)null, (DateTimeOffset?)T0.AddMinutes(31)), (expired.Current!.State, expired.Current.DecidedBy, expired.Current.DecidedAt));
    }

    [Fact]
    public async Task Deciding_An_Unknown_Request_Wins_Nothing()
    {
        var result = await new PostgresApprovalStore(Database).TryDecideAsync(new RequestId("nope"), ApprovalState.Approved, Bob, T0, default);

        Assert.Equal((false, (PendingApproval?)null), result);
    }

    [Fact]
    public async Task A_Requesters_Approvals_Are_Listed_Newest_First()
    {
        var store = new PostgresApprovalStore(Database);
        foreach (var (id, minutes) in new[] { ("old", 0), ("new", 5), ("mid", 2) })
        {
            var approval = TempDatabase.Approval(id);
            await store.TryAddAsync(approval with { Request = approval.Request with { RequestedAt = T0.AddMinutes(minutes) } }, default);
        }

        await store.TryAddAsync(TempDatabase.Approval("other", requester: "slack:T1/U9"), default);

        var listed = await store.ListForRequesterAsync(ChatUserId.Parse("slack:T1/U1"), 2, default);

        Assert.Equal(["new", "mid"], listed.Select(a => a.Request.Id.Value));
    }
}
