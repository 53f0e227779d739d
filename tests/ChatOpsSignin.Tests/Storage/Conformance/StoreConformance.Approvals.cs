using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using static ChatOpsSignin.Tests.Storage.TempDatabase;


namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    private static readonly ChatUser BobUser = new(ChatUserId.Parse("slack:T1/U2"), "bob");
    private static readonly ChatUser CarolUser = new(ChatUserId.Parse("teams:tenant-1/aad-3"), "carol@example.com");


    [Fact]
    public async Task Every_Field_Round_Trips_Including_Nulls_And_Unicode()
    {
        var store = NewReplica().Approvals;
        var full = new PendingApproval(
            new SigninRequest(
                new RequestId("req_full"),
                new ChatUser(ChatUserId.Parse("teams:tenant-ä/obj-1"), "Zoë Åström 山田 🚀"),
                "prod-readonly",
                "Grund: Störung «42»",
                """{"serviceUrl":"https://smba.example/","conversation":"a:1"}""",
                new DateTimeOffset(2025, 3, 1, 13, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567)),
            T0.AddMinutes(30).AddTicks(1),
            ApprovalState.Approved,
            CarolUser,
            T0.AddMinutes(5),
            """{"channel":"C0APPROVALS","ts":"1700000000.000100"}""");
        var bare = new PendingApproval(
            new SigninRequest(new RequestId("req_bare"), new ChatUser(ChatUserId.Parse("slack:T1/U1"), ""), "dev", null, "", T0),
            T0.AddMinutes(1),
            ApprovalState.Pending);

        await store.TryAddAsync(full, CancellationToken.None);
        await store.TryAddAsync(bare, CancellationToken.None);

        Assert.Equal(full, await store.GetAsync(full.Request.Id, CancellationToken.None));
        Assert.Equal(bare, await store.GetAsync(bare.Request.Id, CancellationToken.None));
        Assert.Null(await store.GetAsync(new RequestId("req_unknown"), CancellationToken.None));
    }

    [Fact]
    public async Task An_Approval_Added_By_One_Replica_Is_Decided_By_The_Other()
    {
        var first = NewReplica().Approvals;
        var second = NewReplica().Approvals;
        await first.TryAddAsync(Approval("req_1"), CancellationToken.None);
        await first.SetPromptRefAsync(new RequestId("req_1"), "prompt-1", CancellationToken.None);

        var (won, current) = await second.TryDecideAsync(new RequestId("req_1"), ApprovalState.Approved, BobUser, T0.AddMinutes(2), CancellationToken.None);

        Assert.True(won);
        Assert.Equal(Approval("req_1") with { State = ApprovalState.Approved, DecidedBy = BobUser, DecidedAt = T0.AddMinutes(2), PromptRef = "prompt-1" }, current);
        Assert.Equal(current, await first.GetAsync(new RequestId("req_1"), CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_Concurrent_Clicks_On_Two_Replicas_Give_Exactly_One_Decision()
    {
        var replicas = new[] { NewReplica().Approvals, NewReplica().Approvals };
        await replicas[0].TryAddAsync(Approval("req_race"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => replicas[i % 2].TryDecideAsync(
            new RequestId("req_race"),
            i % 3 == 0 ? ApprovalState.Denied : ApprovalState.Approved,
            i % 2 == 0 ? BobUser : CarolUser,
            T0.AddMinutes(1),
            CancellationToken.None))));

        var winner = Assert.Single(results, r => r.Won);
        Assert.All(results, r => Assert.Equal(winner.Current, r.Current));
        Assert.NotEqual(ApprovalState.Pending, winner.Current!.State);
    }

    [Fact]
    public async Task A_Decision_After_Expiry_Is_Refused_But_The_Expired_Transition_Is_Allowed()
    {
        var store = NewReplica().Approvals;
        var id = new RequestId("req_late");
        await store.TryAddAsync(Approval(id.Value, expiresAt: T0.AddMinutes(30)), CancellationToken.None);

        var late = await store.TryDecideAsync(id, ApprovalState.Approved, BobUser, T0.AddMinutes(30), CancellationToken.None);
        var expired = await store.TryDecideAsync(id, ApprovalState.Expired, null, T0.AddMinutes(31), CancellationToken.None);
        var again = await store.TryDecideAsync(id, ApprovalState.Expired, null, T0.AddMinutes(32), CancellationToken.None);

        Assert.False(late.Won);
        Assert.Equal(ApprovalState.Pending, late.Current!.State);
        Assert.True(expired.Won);
        Assert.Equal(Approval(id.Value) with { State = ApprovalState.Expired, DecidedAt = T0.AddMinutes(31) }, expired.Current);
        Assert.False(again.Won);
        Assert.Equal(expired.Current, again.Current);
    }

    [Fact]
    public async Task Deciding_An_Unknown_Request_Reports_Nothing()
    {
        var store = NewReplica().Approvals;

        var result = await store.TryDecideAsync(new RequestId("req_none"), ApprovalState.Denied, BobUser, T0, CancellationToken.None);

        Assert.Equal((false, (PendingApproval?)null), result);
    }

    [Fact]
    public async Task Adding_An_Approval_Twice_Keeps_The_First()
    {
        var store = NewReplica().Approvals;

        Assert.True(await store.TryAddAsync(Approval("req_twice"), CancellationToken.None));
        Assert.False(await store.TryAddAsync(Approval("req_twice", expiresAt: T0.AddHours(5)), CancellationToken.None));

        Assert.Equal(Approval("req_twice"), await store.GetAsync(new RequestId("req_twice"), CancellationToken.None));
    }

    [Fact]
    public async Task A_Requesters_Approvals_Are_Listed_Newest_First_Up_To_Max()
    {
        var store = NewReplica().Approvals;
        for (var i = 0; i < 4; i++)
        {
            var approval = Approval($"req_{i}");
            await store.TryAddAsync(approval with { Request = approval.Request with { RequestedAt = T0.AddMinutes(i) } }, CancellationToken.None);
        }

        await store.TryAddAsync(Approval("req_other", requester: "slack:T1/U9"), CancellationToken.None);

        var mine = await store.ListForRequesterAsync(ChatUserId.Parse("slack:T1/U1"), 3, CancellationToken.None);

        Assert.Equal(["req_3", "req_2", "req_1"], mine.Select(a => a.Request.Id.Value));
    }
}
