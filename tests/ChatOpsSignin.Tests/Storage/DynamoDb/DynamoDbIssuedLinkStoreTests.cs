using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Delivery;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbIssuedLinkStoreTests(DynaliteFixture dynalite)
{
    private static IssuedLinkRecord Link(RequestId id, string messageRef, DateTimeOffset issuedAt, ChatUser? requester = null) =>
        new(id, ChatPlatform.Slack, (requester ?? Alice).Id, "prod-readonly", messageRef, issuedAt, issuedAt.AddMinutes(15));

    [Fact]
    public async Task Messages_Are_Recorded_Once_And_Listed_Per_Request()
    {
        var store = new DynamoDbIssuedLinkStore(await dynalite.NewTableAsync());
        var id = RequestId.New();
        var teamsRef = "a:1" + new string('x', 1500) + "|activity-1";
        var second = Link(id, teamsRef, T0.AddSeconds(1));
        var first = Link(id, "D1|1700000000.000100", T0);

        await store.AddAsync(second, default);
        await store.AddAsync(first, default);
        await store.AddAsync(first with { Profile = "changed" }, default);
        await store.AddAsync(Link(RequestId.New(), "D1|other", T0), default);

        Assert.Equal([first, second], await store.ListForRequestAsync(id, default));
    }

    [Fact]
    public async Task A_Message_Is_Marked_Removed_Once_And_Leaves_The_Live_List()
    {
        var store = new DynamoDbIssuedLinkStore(await dynalite.NewTableAsync());
        var older = Link(RequestId.New(), "D1|1", T0);
        var newer = Link(RequestId.New(), "D1|2", T0.AddMinutes(1));
        await store.AddAsync(older, default);
        await store.AddAsync(newer, default);
        await store.AddAsync(Link(RequestId.New(), "D2|1", T0, Bob), default);

        Assert.Equal([newer, older], await store.ListLiveForRequesterAsync(Alice.Id, 10, default));
        Assert.Equal([newer], await store.ListLiveForRequesterAsync(Alice.Id, 1, default));

        var removals = await Task.WhenAll(
            store.TryMarkRemovedAsync(newer.RequestId, newer.MessageRef, T0.AddMinutes(16), default),
            store.TryMarkRemovedAsync(newer.RequestId, newer.MessageRef, T0.AddMinutes(16), default));

        Assert.Single(removals, r => r);
        Assert.False(await store.TryMarkRemovedAsync(RequestId.New(), "D1|none", T0, default));
        Assert.Equal([older], await store.ListLiveForRequesterAsync(Alice.Id, 10, default));
        Assert.Equal([newer with { RemovedAt = T0.AddMinutes(16) }], await store.ListForRequestAsync(newer.RequestId, default));
    }
}
