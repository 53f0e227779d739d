using ChatOpsSignin.Storage.DynamoDb.Policy;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbPolicyStoreTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task The_Replay_Guard_Accepts_Once_Until_The_Entry_Expires()
    {
        var guard = new DynamoDbReplayGuard(await dynalite.NewTableAsync());
        var expires = T0.AddMinutes(5);

        Assert.True(await guard.TryFirstSightingAsync("v0=abc", T0, expires, default));
        Assert.False(await guard.TryFirstSightingAsync("v0=abc", T0.AddMinutes(1), T0.AddMinutes(6), default));
        Assert.True(await guard.TryFirstSightingAsync("v0=other", T0, expires, default));

        // No TTL deletion has happened (dynalite has none): the expired entry is still there and must be ignored.
        Assert.True(await guard.TryFirstSightingAsync("v0=abc", expires, expires.AddMinutes(5), default));
        Assert.False(await guard.TryFirstSightingAsync("v0=abc", expires.AddMinutes(1), expires.AddMinutes(6), default));
        Assert.Equal(2, await guard.PruneAsync(expires.AddHours(1), default));
    }

    [Fact]
    public async Task Two_Replicas_Racing_On_One_Key_Get_One_First_Sighting()
    {
        var table = await dynalite.NewTableAsync();
        var guards = Enumerable.Range(0, 8).Select(i => new DynamoDbReplayGuard(i % 2 == 0 ? table : table with { Client = dynalite.Server.Client() }));

        var results = await Task.WhenAll(guards.Select(g => g.TryFirstSightingAsync("v0=race", T0, T0.AddMinutes(5), default)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task The_Rate_Limit_Slides_Its_Window()
    {
        var limits = new DynamoDbRateLimitStore(await dynalite.NewTableAsync());
        var window = TimeSpan.FromMinutes(10);

        Assert.True(await limits.TryAcquireAsync("alice|prod", T0, window, 2, default));
        Assert.True(await limits.TryAcquireAsync("alice|prod", T0.AddMinutes(4), window, 2, default));
        Assert.False(await limits.TryAcquireAsync("alice|prod", T0.AddMinutes(9), window, 2, default));
        Assert.True(await limits.TryAcquireAsync("bob|prod", T0.AddMinutes(9), window, 2, default));

        // The window is (now - window, now]: the first hit leaves it exactly ten minutes later.
        Assert.True(await limits.TryAcquireAsync("alice|prod", T0.AddMinutes(10), window, 2, default));
        Assert.False(await limits.TryAcquireAsync("alice|prod", T0.AddMinutes(11), window, 2, default));
        Assert.False(await limits.TryAcquireAsync("alice|prod", T0, window, 0, default));
        Assert.Equal(0, await limits.PruneAsync(T0.AddDays(1), default));
    }

    [Fact]
    public async Task Concurrent_Acquirers_Never_Exceed_The_Limit()
    {
        var table = await dynalite.NewTableAsync();
        var stores = Enumerable.Range(0, 10).Select(i => new DynamoDbRateLimitStore(i % 2 == 0 ? table : table with { Client = dynalite.Server.Client() }));

        var results = await Task.WhenAll(stores.Select(s => s.TryAcquireAsync("alice|prod", T0, TimeSpan.FromHours(1), 3, default)));

        Assert.Equal(3, results.Count(r => r));
    }
}
