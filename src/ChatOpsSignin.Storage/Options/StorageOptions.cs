namespace ChatOpsSignin.Storage.Options;

/// <summary>The <c>Storage</c> section: where pending approvals, issued links, rate-limit hits and the audit trail live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string SqliteProvider = "Sqlite";

    /// <summary>Only <c>Sqlite</c> exists today; the key is there so a shared store can be added beside it.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The database file; a relative path is taken from the content root (the current directory for CLI verbs).</summary>
    public string SqlitePath { get; set; } = "data/chatops-signin.db";
}
