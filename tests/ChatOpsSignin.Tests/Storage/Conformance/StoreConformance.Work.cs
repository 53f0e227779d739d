using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_New_Item_Is_Leased_To_Its_Adder_And_Cannot_Be_Added_Twice()
    {
        var work = NewReplica().Work;
        var item = Item("req_w1");

        var leased = await work.TryAddAsync(item, "a", T0 + Lease, CancellationToken.None);

        Assert.NotNull(leased);
        Assert.Equal(item, leased.Item);
        Assert.Null(await work.TryAddAsync(item, "b", T0 + Lease, CancellationToken.None));
        Assert.Empty(await work.LeaseDueAsync("b", T0, T0 + Lease, 10, CancellationToken.None));
        Assert.Equal(item, await work.GetAsync(item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Every_Field_Of_A_Work_Item_Round_Trips()
    {
        var work = NewReplica().Work;
        var item = Item("req_rt") with
        {
            Step = WorkStep.Issue,
            Attempt = 3,
            State = new WorkState
            {
                HandleResolved = true,
                Approver = new ChatUser(ChatUserId.Parse("teams:tenant-ä/obj-9"), "Zoë 山田"),
                LinkSlot = """{"channel":"D1"}""",
                ShowStartedAt = T0.AddTicks(123),
                LinkExpiresAt = T0.AddMinutes(15),
            },
        };
        var withVia = item with { Request = item.Request with { Via = ChatPlatform.Cli } };

        await work.TryAddAsync(withVia, "a", T0 + Lease, CancellationToken.None);

        var read = await work.GetAsync(item.Id, CancellationToken.None);
        Assert.Equal(withVia, read);
        Assert.Equal(ChatPlatform.Cli, read!.Request.Platform);
    }

    [Fact]
    public async Task An_Expired_Lease_Lets_Another_Replica_Take_The_Item_And_The_Old_Holder_Cannot_Write()
    {
        var first = NewReplica().Work;
        var second = NewReplica().Work;
        var stale = (await first.TryAddAsync(Item("req_w2"), "a", T0 + Lease, CancellationToken.None))!;

        Assert.Empty(await second.LeaseDueAsync("b", T0 + Lease - TimeSpan.FromSeconds(1), T0 + (2 * Lease), 10, CancellationToken.None));
        var taken = Assert.Single(await second.LeaseDueAsync("b", T0 + Lease, T0 + (2 * Lease), 10, CancellationToken.None));

        Assert.Equal("b", taken.Owner);
        Assert.Null(await first.TryAdvanceAsync(stale, stale.Item.Then(WorkStep.Issue, T0), T0 + Lease, CancellationToken.None));
        Assert.False(await first.TryCompleteAsync(stale, CancellationToken.None));
        Assert.NotNull(await second.TryAdvanceAsync(taken, taken.Item.Then(WorkStep.Issue, T0), T0 + (2 * Lease), CancellationToken.None));
    }

    [Fact]
    public async Task Advancing_Renews_Or_Releases_The_Lease_And_A_Released_Item_Waits_Until_Due()
    {
        var work = NewReplica().Work;
        var leased = (await work.TryAddAsync(Item("req_w3"), "a", T0 + Lease, CancellationToken.None))!;

        var renewed = await work.TryAdvanceAsync(leased, leased.Item.Then(WorkStep.PromptApprovers, T0), T0 + Lease, CancellationToken.None);
        Assert.NotNull(renewed);
        Assert.Null(await work.TryAdvanceAsync(leased, leased.Item, T0 + Lease, CancellationToken.None));

        var sleeping = renewed.Item.Then(WorkStep.AwaitDecision, T0.AddMinutes(10));
        Assert.NotNull(await work.TryAdvanceAsync(renewed, sleeping, keepLeaseUntil: null, CancellationToken.None));

        Assert.Empty(await work.LeaseDueAsync("b", T0.AddMinutes(9), T0.AddMinutes(11), 10, CancellationToken.None));
        Assert.Equal(0, await work.CountDueAsync(T0.AddMinutes(9), CancellationToken.None));
        Assert.Equal(1, await work.CountDueAsync(T0.AddMinutes(10), CancellationToken.None));
        var due = Assert.Single(await work.LeaseDueAsync("b", T0.AddMinutes(10), T0.AddMinutes(11), 10, CancellationToken.None));
        Assert.Equal(sleeping, due.Item);
    }

    [Fact]
    public async Task A_Renewed_Lease_Keeps_Others_Out_Past_Its_First_Expiry_And_A_Lost_One_Cannot_Be_Renewed()
    {
        var first = NewReplica().Work;
        var second = NewReplica().Work;
        var held = (await first.TryAddAsync(Item("req_renew"), "a", T0 + Lease, CancellationToken.None))!;

        Assert.True(await first.TryRenewAsync(held, T0 + (3 * Lease), CancellationToken.None));

        Assert.Empty(await second.LeaseDueAsync("b", T0 + (2 * Lease), T0 + (4 * Lease), 10, CancellationToken.None));
        Assert.NotNull(await first.TryAdvanceAsync(held, held.Item.Then(WorkStep.Issue, T0), T0 + (3 * Lease), CancellationToken.None));
        Assert.False(await first.TryRenewAsync(held, T0 + (5 * Lease), CancellationToken.None));
        Assert.False(await second.TryRenewAsync(held with { Owner = "b" }, T0 + (5 * Lease), CancellationToken.None));
    }

    [Fact]
    public async Task A_Completed_Item_Is_Gone()
    {
        var work = NewReplica().Work;
        var leased = (await work.TryAddAsync(Item("req_w4"), "a", T0 + Lease, CancellationToken.None))!;

        Assert.True(await work.TryCompleteAsync(leased, CancellationToken.None));

        Assert.Null(await work.GetAsync(leased.Item.Id, CancellationToken.None));
        Assert.Empty(await work.LeaseDueAsync("a", T0.AddHours(1), T0.AddHours(2), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Wake_Makes_A_Sleeping_Item_Due_Only_At_The_Named_Step_And_Cuts_A_Running_Lease()
    {
        var work = NewReplica().Work;
        var leased = (await work.TryAddAsync(Item("req_w5"), "a", T0 + Lease, CancellationToken.None))!;
        var running = await work.TryAdvanceAsync(leased, leased.Item.Then(WorkStep.AwaitDecision, T0), T0 + Lease, CancellationToken.None);

        Assert.False(await work.WakeAsync(leased.Item.Id, WorkStep.Issue, T0, CancellationToken.None));
        Assert.False(await work.WakeAsync(new RequestId("req_unknown"), WorkStep.AwaitDecision, T0, CancellationToken.None));
        Assert.True(await work.WakeAsync(leased.Item.Id, WorkStep.AwaitDecision, T0.AddSeconds(5), CancellationToken.None));

        Assert.Null(await work.TryAdvanceAsync(running!, running!.Item.Then(WorkStep.AwaitDecision, T0.AddMinutes(30)), null, CancellationToken.None));
        var woken = Assert.Single(await work.LeaseDueAsync("b", T0.AddSeconds(5), T0 + Lease, 10, CancellationToken.None));
        Assert.Equal(WorkStep.AwaitDecision, woken.Item.Step);
    }

    [Fact]
    public async Task Two_Replicas_Leasing_At_Once_Never_Get_The_Same_Item()
    {
        var setup = NewReplica().Work;
        for (var i = 0; i < 40; i++)
        {
            var leased = (await setup.TryAddAsync(Item($"req_many{i:00}"), "setup", T0 + Lease, CancellationToken.None))!;
            await setup.TryAdvanceAsync(leased, leased.Item, keepLeaseUntil: null, CancellationToken.None);
        }

        var replicas = Enumerable.Range(0, 4).Select(_ => NewReplica().Work).ToList();
        var batches = await Task.WhenAll(replicas.Select((work, i) => Task.Run(() =>
            work.LeaseDueAsync($"r{i}", T0.AddSeconds(1), T0 + Lease, 15, CancellationToken.None))));

        var ids = batches.SelectMany(b => b).Select(l => l.Item.Id.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(40, ids.Count);
    }

    [Fact]
    public async Task Leasing_Takes_The_Oldest_Due_First_Up_To_Max()
    {
        var work = NewReplica().Work;
        foreach (var (id, due) in new[] { ("req_late", 3), ("req_early", 1), ("req_mid", 2) })
        {
            var leased = (await work.TryAddAsync(Item(id), "setup", T0 + Lease, CancellationToken.None))!;
            await work.TryAdvanceAsync(leased, leased.Item with { DueAt = T0.AddMinutes(due) }, keepLeaseUntil: null, CancellationToken.None);
        }

        var taken = await work.LeaseDueAsync("a", T0.AddMinutes(5), T0.AddMinutes(6), 2, CancellationToken.None);

        Assert.Equal(["req_early", "req_mid"], taken.Select(l => l.Item.Id.Value));
    }

    internal static WorkItem Item(string id) => WorkItem.New(Approval(id).Request);
}
