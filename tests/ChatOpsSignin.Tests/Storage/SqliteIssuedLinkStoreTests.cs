using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Delivery;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

public sealed class SqliteIssuedLinkStoreTests : IDisposable
{
    private readonly TempDatabase database = new();

    [Fact]
    public async Task Links_Past_Expiry_And_Not_Removed_Are_Due_Oldest_First()
    {
        var store = new SqliteIssuedLinkStore(database.NewReplica());
        await store.AddAsync(Link("req_fresh", T0.AddMinutes(20)), CancellationToken.None);
        await store.AddAsync(Link("req_due_exactly", T0.AddMinutes(15)), CancellationToken.None);
        await store.AddAsync(Link("req_due_earlier", T0.AddMinutes(1)), CancellationToken.None);
        await store.AddAsync(Link("req_removed", T0.AddMinutes(1)) with { RemovedAt = T0.AddMinutes(2) }, CancellationToken.None);

        var due = await store.ListDueForRemovalAsync(T0.AddMinutes(15), CancellationToken.None);

        Assert.Equal([Link("req_due_earlier", T0.AddMinutes(1)), Link("req_due_exactly", T0.AddMinutes(15))], due);
    }

    [Fact]
    public async Task Removal_Is_Marked_Once_Across_Replicas()
    {
        var first = new SqliteIssuedLinkStore(database.NewReplica());
        var second = new SqliteIssuedLinkStore(database.NewReplica());
        await first.AddAsync(Link("req_1", T0.AddMinutes(15)), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).TryMarkRemovedAsync(new RequestId("req_1"), T0.AddMinutes(16), CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.Empty(await second.ListDueForRemovalAsync(T0.AddHours(1), CancellationToken.None));
        Assert.False(await first.TryMarkRemovedAsync(new RequestId("req_unknown"), T0, CancellationToken.None));
    }

    [Fact]
    public async Task Every_Field_Round_Trips()
    {
        var store = new SqliteIssuedLinkStore(database.NewReplica());
        var record = new IssuedLinkRecord(
            new RequestId("req_rt"),
            ChatPlatform.Teams,
            ChatUserId.Parse("teams:tenant-é/obj-ü"),
            "prod-ünïcode",
            """{"conversation":"a:1","activity":"1|2"}""",
            T0.AddTicks(12345),
            T0.AddMinutes(15));

        await store.AddAsync(record, CancellationToken.None);

        Assert.Equal([record], await store.ListDueForRemovalAsync(T0.AddMinutes(15), CancellationToken.None));
    }

    internal static IssuedLinkRecord Link(string id, DateTimeOffset expiresAt) =>
        new(new RequestId(id), ChatPlatform.Slack, ChatUserId.Parse("slack:T1/U1"), "prod-readonly", """{"channel":"D1","ts":"1.2"}""", expiresAt.AddMinutes(-15), expiresAt);

    public void Dispose() => database.Dispose();
}
