using Xunit.Abstractions;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>The replica scenarios on one DynamoDB table (dynalite on LevelDB, one per test).</summary>
[Collection(ReplicaCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DynamoDbReplicaTests(ITestOutputHelper output) : ReplicaScenarios(output)
{
    protected override async Task<SharedStore> StartStoreAsync() => await DynamoDbStore.StartAsync();
}
