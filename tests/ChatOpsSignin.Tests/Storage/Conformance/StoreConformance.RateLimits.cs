using static ChatOpsSignin.Tests.Storage.TempDatabase;


namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);


    [Fact]
    public async Task The_Limit_Holds_In_The_Window_And_Frees_Up_As_Hits_Age_Out()
    {
        var store = NewReplica().RateLimits;
        var key = "slack:T1/U1|prod-readonly";

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.TryAcquireAsync(key, T0.AddMinutes(i), Window, 3, CancellationToken.None));
        }

        Assert.False(await store.TryAcquireAsync(key, T0.AddMinutes(30), Window, 3, CancellationToken.None));
        Assert.False(await store.TryAcquireAsync(key, T0.AddMinutes(59), Window, 3, CancellationToken.None));
        Assert.True(await store.TryAcquireAsync(key, T0.AddMinutes(60), Window, 3, CancellationToken.None));
        Assert.False(await store.TryAcquireAsync(key, T0.AddMinutes(60), Window, 3, CancellationToken.None));
        Assert.True(await store.TryAcquireAsync(key, T0.AddMinutes(61), Window, 3, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_Are_Counted_Separately()
    {
        var store = NewReplica().RateLimits;

        Assert.True(await store.TryAcquireAsync("slack:T1/U1|a", T0, Window, 1, CancellationToken.None));
        Assert.True(await store.TryAcquireAsync("slack:T1/U1|b", T0, Window, 1, CancellationToken.None));
        Assert.False(await store.TryAcquireAsync("slack:T1/U1|a", T0, Window, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_Hits_On_Two_Replicas_Never_Exceed_The_Limit()
    {
        var replicas = new[] { NewReplica().RateLimits, NewReplica().RateLimits };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            replicas[i % 2].TryAcquireAsync("slack:T1/U1|prod", T0.AddSeconds(i), Window, 5, CancellationToken.None))));

        Assert.Equal(5, results.Count(acquired => acquired));
    }

    [Fact]
    public async Task Pruning_Forgets_Hits_Outside_Their_Window_And_Keeps_The_Rest()
    {
        var store = NewReplica().RateLimits;
        await store.TryAcquireAsync("k|old", T0, Window, 1, CancellationToken.None);
        await store.TryAcquireAsync("k|young", T0.AddMinutes(50), Window, 1, CancellationToken.None);

        await store.PruneAsync(T0.AddMinutes(70), CancellationToken.None);

        Assert.False(await store.TryAcquireAsync("k|young", T0.AddMinutes(70), Window, 1, CancellationToken.None));
        Assert.True(await store.TryAcquireAsync("k|old", T0.AddMinutes(70), Window, 1, CancellationToken.None));
    }
}
