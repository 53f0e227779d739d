using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Approvals;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbApprovalStoreTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task An_Approval_Round_Trips_And_Is_Added_Once()
    {
        var store = new DynamoDbApprovalStore(await dynalite.NewTableAsync());
        var approval = Pending(Request() with { Via = ChatPlatform.Cli });

        Assert.True(await store.TryAddAsync(approval, default));
        Assert.False(await store.TryAddAsync(approval with { State = ApprovalState.Denied }, default));

        Assert.Equal(approval, await store.GetAsync(approval.Request.Id, default));
        Assert.Null(await store.GetAsync(RequestId.New(), default));
    }

    [Fact]
    public async Task Two_Concurrent_Deciders_Give_One_Winner()
    {
        var table = await dynalite.NewTableAsync();
        var replicaA = new DynamoDbApprovalStore(table);
        var replicaB = new DynamoDbApprovalStore(table with { Client = dynalite.Server.Client() });
        var approval = Pending();
        await replicaA.TryAddAsync(approval, default);

        var results = await Task.WhenAll(
            replicaA.TryDecideAsync(approval.Request.Id, ApprovalState.Approved, Bob, T0.AddMinutes(1), default),
            replicaB.TryDecideAsync(approval.Request.Id, ApprovalState.Denied, Carol, T0.AddMinutes(1), default));

        var winner = Assert.Single(results, r => r.Won);
        Assert.Single(results, r => !r.Won);
        Assert.All(results, r => Assert.Equal(winner.Current, r.Current));
        Assert.Equal(T0.AddMinutes(1), winner.Current!.DecidedAt);
    }

    [Fact]
    public async Task An_Expired_Approval_Can_Only_Be_Marked_Expired()
    {
        var store = new DynamoDbApprovalStore(await dynalite.NewTableAsync());
        var approval = Pending(expiresIn: TimeSpan.FromMinutes(5));
        await store.TryAddAsync(approval, default);

        var late = await store.TryDecideAsync(approval.Request.Id, ApprovalState.Approved, Bob, approval.ExpiresAt, default);
        var expired = await store.TryDecideAsync(approval.Request.Id, ApprovalState.Expired, null, approval.ExpiresAt, default);
        var again = await store.TryDecideAsync(approval.Request.Id, ApprovalState.Expired, null, approval.ExpiresAt, default);

        Assert.False(late.Won);
        Assert.Equal(ApprovalState.Pending, late.Current!.State);
        Assert.True(expired.Won);
        Assert.Equal(ApprovalState.Expired, expired.Current!.State);
        Assert.Null(expired.Current.DecidedBy);
        Assert.False(again.Won);
        Assert.Equal((false, (PendingApproval?)null), await store.TryDecideAsync(RequestId.New(), ApprovalState.Denied, Bob, T0, default));
    }

    [Fact]
    public async Task The_Prompt_Ref_Is_Set_Only_On_A_Known_Approval()
    {
        var store = new DynamoDbApprovalStore(await dynalite.NewTableAsync());
        var approval = Pending();
        await store.TryAddAsync(approval, default);

        await store.SetPromptRefAsync(approval.Request.Id, "C0APPROVALS|1700000000.000100", default);
        var unknown = RequestId.New();
        await store.SetPromptRefAsync(unknown, "C0APPROVALS|1", default);

        Assert.Equal("C0APPROVALS|1700000000.000100", (await store.GetAsync(approval.Request.Id, default))!.PromptRef);
        Assert.Null(await store.GetAsync(unknown, default));
    }

    [Fact]
    public async Task A_Requesters_Approvals_Are_Listed_Newest_First()
    {
        var store = new DynamoDbApprovalStore(await dynalite.NewTableAsync());
        var approvals = Enumerable.Range(0, 4).Select(i => Pending(Request(Alice, T0.AddMinutes(i)))).ToList();
        foreach (var approval in approvals)
        {
            await store.TryAddAsync(approval, default);
        }

        await store.TryAddAsync(Pending(Request(Bob)), default);

        var listed = await store.ListForRequesterAsync(Alice.Id, 3, default);

        Assert.Equal(approvals.AsEnumerable().Reverse().Take(3).Select(a => a.Request.Id), listed.Select(a => a.Request.Id));
        Assert.Empty(await store.ListForRequesterAsync(Carol.Id, 3, default));
    }
}
