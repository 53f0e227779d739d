using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Work;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbWorkStoreTests(DynaliteFixture dynalite)
{
    private static readonly DateTimeOffset Lease = T0.AddMinutes(1);

    [Fact]
    public async Task An_Item_Is_Added_Once_Leased_To_Its_Adder()
    {
        var store = new DynamoDbWorkStore(await dynalite.NewTableAsync());
        var item = Work() with { State = new WorkState { HandleResolved = true, LinkSlot = "D1" } };

        var lease = await store.TryAddAsync(item, "a", Lease, default);

        Assert.Equal(new LeasedWork(item, "a", 1, Lease), lease);
        Assert.Null(await store.TryAddAsync(item, "b", Lease, default));
        Assert.Equal(item, await store.GetAsync(item.Id, default));
        Assert.Empty(await store.LeaseDueAsync("b", T0, Lease, 10, default));
    }

    [Fact]
    public async Task Two_Concurrent_Leasers_Get_Disjoint_Items()
    {
        var table = await dynalite.NewTableAsync();
        var seed = new DynamoDbWorkStore(table);
        var items = Enumerable.Range(0, 24).Select(i => Work(T0.AddSeconds(-i))).ToList();
        foreach (var item in items)
        {
            var added = await seed.TryAddAsync(item, "seed", T0.AddSeconds(-30), default);
            Assert.NotNull(added);
        }

        var replicaA = new DynamoDbWorkStore(table);
        var replicaB = new DynamoDbWorkStore(table with { Client = dynalite.Server.Client() });
        var leased = await Task.WhenAll(
            replicaA.LeaseDueAsync("a", T0, Lease, 24, default),
            replicaB.LeaseDueAsync("b", T0, Lease, 24, default));

        var a = leased[0].Select(l => l.Item.Id).ToHashSet();
        var b = leased[1].Select(l => l.Item.Id).ToHashSet();
        Assert.Empty(a.Intersect(b));
        Assert.Equal(items.Select(i => i.Id).ToHashSet(), a.Union(b).ToHashSet());
        Assert.Equal(0, await seed.CountDueAsync(T0, default));
    }

    [Fact]
    public async Task Due_Work_Is_Leased_Oldest_First_Up_To_Max_And_Not_Before_It_Is_Due()
    {
        var store = new DynamoDbWorkStore(await dynalite.NewTableAsync());
        var later = Work(T0.AddMinutes(5));
        var old = Work(T0.AddMinutes(-2));
        var older = Work(T0.AddMinutes(-3));
        foreach (var item in new[] { later, old, older })
        {
            await Release(store, item);
        }

        Assert.Equal(2, await store.CountDueAsync(T0, default));
        var leased = await store.LeaseDueAsync("a", T0, Lease, 1, default);

        Assert.Equal([older.Id], leased.Select(l => l.Item.Id));
        Assert.Equal(1, await store.CountDueAsync(T0, default));
        Assert.Equal([old.Id], (await store.LeaseDueAsync("a", T0, Lease, 5, default)).Select(l => l.Item.Id));
    }

    [Fact]
    public async Task An_Expired_Lease_Lets_Another_Owner_Lease_And_The_Old_Token_Is_Stale()
    {
        var store = new DynamoDbWorkStore(await dynalite.NewTableAsync());
        var item = Work();
        var first = (await store.TryAddAsync(item, "a", Lease, default))!;

        Assert.Empty(await store.LeaseDueAsync("b", Lease.AddTicks(-1), Lease.AddMinutes(1), 5, default));
        var second = Assert.Single(await store.LeaseDueAsync("b", Lease, Lease.AddMinutes(1), 5, default));

        Assert.Equal("b", second.Owner);
        Assert.True(second.Token > first.Token);
        Assert.Null(await store.TryAdvanceAsync(first, item.Then(WorkStep.Issue, Lease), Lease.AddMinutes(1), default));
        Assert.False(await store.TryCompleteAsync(first, default));
        Assert.Equal(item, await store.GetAsync(item.Id, default));
    }

    [Fact]
    public async Task Advancing_Renews_Or_Releases_The_Lease_And_Completing_Removes_The_Item()
    {
        var store = new DynamoDbWorkStore(await dynalite.NewTableAsync());
        var item = Work();
        var lease = (await store.TryAddAsync(item, "a", Lease, default))!;
        var next = item.Then(WorkStep.AwaitDecision, T0.AddMinutes(10)) with { State = new WorkState { LinkExpiresAt = T0.AddHours(1) } };

        var renewed = await store.TryAdvanceAsync(lease, next, Lease.AddMinutes(1), default);
        Assert.Equal(new LeasedWork(next, "a", 2, Lease.AddMinutes(1)), renewed);
        Assert.Equal(next, await store.GetAsync(item.Id, default));

        var released = await store.TryAdvanceAsync(renewed!, next with { Attempt = 1 }, null, default);
        Assert.NotNull(released);
        Assert.Single(await store.LeaseDueAsync("b", T0.AddMinutes(10), Lease.AddMinutes(20), 5, default));

        var current = (await store.LeaseDueAsync("c", T0.AddMinutes(30), T0.AddMinutes(31), 5, default)).Single();
        Assert.True(await store.TryCompleteAsync(current, default));
        Assert.Null(await store.GetAsync(item.Id, default));
    }

    [Fact]
    public async Task Wake_Works_Only_At_The_Named_Step()
    {
        var store = new DynamoDbWorkStore(await dynalite.NewTableAsync());
        var item = Work().Then(WorkStep.AwaitDecision, T0.AddMinutes(30));
        var lease = await Release(store, item);

        Assert.False(await store.WakeAsync(item.Id, WorkStep.Issue, T0, default));
        Assert.False(await store.WakeAsync(RequestId.New(), WorkStep.AwaitDecision, T0, default));
        Assert.Empty(await store.LeaseDueAsync("a", T0, Lease, 5, default));

        Assert.True(await store.WakeAsync(item.Id, WorkStep.AwaitDecision, T0, default));
        Assert.Equal(T0, (await store.GetAsync(item.Id, default))!.DueAt);
        Assert.False(await store.TryCompleteAsync(lease, default));
        Assert.Single(await store.LeaseDueAsync("a", T0, Lease, 5, default));
    }

    /// <summary>Adds the item and releases its lease at once, as after a step that ends by sleeping.</summary>
    private static async Task<LeasedWork> Release(DynamoDbWorkStore store, WorkItem item)
    {
        var lease = (await store.TryAddAsync(item, "seed", T0, default))!;
        return (await store.TryAdvanceAsync(lease, item, null, default))!;
    }
}
