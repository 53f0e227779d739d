using ChatOpsSignin.Storage.Policy;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

public sealed class SqliteRateLimitStoreTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly TempDatabase database = new();

    [Fact]
    public async Task The_Limit_Holds_In_The_Window_And_Frees_Up_As_Hits_Age_Out()
    {
        var store = new SqliteRateLimitStore(database.NewReplica());
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
        var store = new SqliteRateLimitStore(database.NewReplica());

        Assert.True(await store.TryAcquireAsync("slack:T1/U1|a", T0, Window, 1, CancellationToken.None));
        Assert.True(await store.TryAcquireAsync("slack:T1/U1|b", T0, Window, 1, CancellationToken.None));
        Assert.False(await store.TryAcquireAsync("slack:T1/U1|a", T0, Window, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_Hits_On_Two_Replicas_Never_Exceed_The_Limit()
    {
        var replicas = new[] { new SqliteRateLimitStore(database.NewReplica()), new SqliteRateLimitStore(database.NewReplica()) };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            replicas[i % 2].TryAcquireAsync("slack:T1/U1|prod", T0.AddSeconds(i), Window, 5, CancellationToken.None))));

        Assert.Equal(5, results.Count(acquired => acquired));
    }

    public void Dispose() => database.Dispose();
}
