namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// The replica tests run one at a time: each starts two bot processes and an engine, which is all a small CI machine
/// can take without the bounded waits turning into timing tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection
{
    public const string Name = "Replicas";
}
