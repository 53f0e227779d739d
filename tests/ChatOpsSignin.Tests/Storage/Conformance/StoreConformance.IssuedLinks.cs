using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using static ChatOpsSignin.Tests.Storage.TempDatabase;


namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{

    [Fact]
    public async Task Every_Copy_Of_A_Link_Is_Recorded_Once_And_Listed_By_Request()
    {
        var store = NewReplica().IssuedLinks;
        var first = Link("req_1", T0.AddMinutes(15));
        var second = first with { MessageRef = """{"channel":"D1","ts":"9.9"}""" };
        await store.AddAsync(first, CancellationToken.None);
        await store.AddAsync(second, CancellationToken.None);
        await store.AddAsync(first, CancellationToken.None);
        await store.AddAsync(Link("req_other", T0.AddMinutes(15)), CancellationToken.None);

        var listed = await store.ListForRequestAsync(new RequestId("req_1"), CancellationToken.None);

        Assert.Equal(2, listed.Count);
        Assert.Equal([first.MessageRef, second.MessageRef], listed.Select(l => l.MessageRef).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Live_Links_Of_A_Requester_Leave_Out_Removed_Ones_And_Others()
    {
        var store = NewReplica().IssuedLinks;
        await store.AddAsync(Link("req_old", T0.AddMinutes(15)), CancellationToken.None);
        await store.AddAsync(Link("req_new", T0.AddMinutes(20)), CancellationToken.None);
        await store.AddAsync(Link("req_gone", T0.AddMinutes(15)), CancellationToken.None);
        await store.TryMarkRemovedAsync(new RequestId("req_gone"), Link("req_gone", T0).MessageRef, T0.AddMinutes(16), CancellationToken.None);
        await store.AddAsync(Link("req_theirs", T0.AddMinutes(15)) with { Requester = ChatUserId.Parse("slack:T1/U9") }, CancellationToken.None);

        var live = await store.ListLiveForRequesterAsync(ChatUserId.Parse("slack:T1/U1"), 10, CancellationToken.None);

        Assert.Equal(["req_new", "req_old"], live.Select(l => l.RequestId.Value));
    }

    [Fact]
    public async Task Removal_Is_Marked_Once_Across_Replicas()
    {
        var first = NewReplica().IssuedLinks;
        var second = NewReplica().IssuedLinks;
        await first.AddAsync(Link("req_1", T0.AddMinutes(15)), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).TryMarkRemovedAsync(new RequestId("req_1"), Link("req_1", T0).MessageRef, T0.AddMinutes(16), CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.Equal(T0.AddMinutes(16), Assert.Single(await second.ListForRequestAsync(new RequestId("req_1"), CancellationToken.None)).RemovedAt);
        Assert.False(await first.TryMarkRemovedAsync(new RequestId("req_unknown"), "ref", T0, CancellationToken.None));
    }

    [Fact]
    public async Task Every_Issued_Link_Field_Round_Trips()
    {
        var store = NewReplica().IssuedLinks;
        var record = new IssuedLinkRecord(
            new RequestId("req_rt"),
            ChatPlatform.Teams,
            ChatUserId.Parse("teams:tenant-é/obj-ü"),
            "prod-ünïcode",
            """{"conversation":"a:1","activity":"1|2"}""",
            T0.AddTicks(12345),
            T0.AddMinutes(15));

        await store.AddAsync(record, CancellationToken.None);

        Assert.Equal([record], await store.ListForRequestAsync(record.RequestId, CancellationToken.None));
    }

    internal static IssuedLinkRecord Link(string id, DateTimeOffset expiresAt) =>
        new(new RequestId(id), ChatPlatform.Slack, ChatUserId.Parse("slack:T1/U1"), "prod-readonly", """{"channel":"D1","ts":"1.2"}""", expiresAt.AddMinutes(-15), expiresAt);
}
