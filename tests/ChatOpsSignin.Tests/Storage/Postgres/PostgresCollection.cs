namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>Every test class on PostgreSQL shares one throwaway cluster; each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "Postgres";
}
