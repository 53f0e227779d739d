namespace ChatOpsSignin.Storage.Postgres.Options;

/// <summary>The <c>Storage:Postgres</c> section, read when <c>Storage:Provider</c> is <c>Postgres</c>.</summary>
public sealed class PostgresStorageOptions
{
    public const string Section = "Storage:Postgres";

    public const string Provider = "Postgres";

    /// <summary>An Npgsql connection string. It usually holds a password: set it from the environment, never log it.</summary>
    public string? ConnectionString { get; set; }
}
