using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    [Fact]
    public async Task A_Key_Is_New_Once_Then_A_Replay_Until_It_Expires()
    {
        var replays = NewReplica().Replays;

        Assert.True(await replays.TryFirstSightingAsync("sig:abc", T0, T0.AddMinutes(10), CancellationToken.None));
        Assert.False(await replays.TryFirstSightingAsync("sig:abc", T0.AddMinutes(9), T0.AddMinutes(19), CancellationToken.None));
        Assert.True(await replays.TryFirstSightingAsync("sig:other", T0, T0.AddMinutes(10), CancellationToken.None));
        Assert.True(await replays.TryFirstSightingAsync("sig:abc", T0.AddMinutes(10), T0.AddMinutes(20), CancellationToken.None));
    }

    [Fact]
    public async Task Two_Replicas_Seeing_One_Request_At_Once_Accept_It_Once()
    {
        var replicas = Enumerable.Range(0, 6).Select(_ => NewReplica().Replays).ToList();

        var results = await Task.WhenAll(replicas.Select(r => Task.Run(() =>
            r.TryFirstSightingAsync("sig:race", T0, T0.AddMinutes(10), CancellationToken.None))));

        Assert.Single(results, first => first);
    }

    [Fact]
    public async Task Pruning_Forgets_Only_Expired_Entries()
    {
        var replays = NewReplica().Replays;
        await replays.TryFirstSightingAsync("sig:old", T0, T0.AddMinutes(10), CancellationToken.None);
        await replays.TryFirstSightingAsync("sig:young", T0, T0.AddMinutes(30), CancellationToken.None);

        await replays.PruneAsync(T0.AddMinutes(20), CancellationToken.None);

        Assert.False(await replays.TryFirstSightingAsync("sig:young", T0.AddMinutes(20), T0.AddMinutes(40), CancellationToken.None));
        Assert.True(await replays.TryFirstSightingAsync("sig:old", T0.AddMinutes(5), T0.AddMinutes(15), CancellationToken.None));
    }
}
