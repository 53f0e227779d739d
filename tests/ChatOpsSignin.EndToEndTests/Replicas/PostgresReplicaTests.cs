using Xunit.Abstractions;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>The replica scenarios on one PostgreSQL database (a throwaway cluster per test).</summary>
[Collection(ReplicaCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PostgresReplicaTests(ITestOutputHelper output) : ReplicaScenarios(output)
{
    protected override async Task<SharedStore> StartStoreAsync() => await PostgresStore.StartAsync();
}
