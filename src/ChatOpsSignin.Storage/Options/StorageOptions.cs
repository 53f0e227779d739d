namespace ChatOpsSignin.Storage.Options;

/// <summary>The <c>Storage</c> section: where pending approvals, issued links, rate-limit hits and the audit trail live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string SqliteProvider = "Sqlite";

    public const string PostgresProvider = "Postgres";

    public const string DynamoDbProvider = "DynamoDb";

    /// <summary>Every value <c>Storage:Provider</c> may take; the host picks the engine by it.</summary>
    public static IReadOnlyList<string> Providers { get; } = [SqliteProvider, PostgresProvider, DynamoDbProvider];

    /// <summary><c>Sqlite</c> (embedded, one file), or a shared store for several replicas: <c>Postgres</c>, <c>DynamoDb</c>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    public bool IsProvider(string provider) => string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The database file; a relative path is taken from the content root (the current directory for CLI verbs).</summary>
    public string SqlitePath { get; set; } = "data/chatops-signin.db";
}
