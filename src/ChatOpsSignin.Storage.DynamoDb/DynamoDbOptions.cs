namespace ChatOpsSignin.Storage.DynamoDb;

/// <summary>The <c>Storage:DynamoDb</c> section: one table shared by every replica (single-table design, see README.md).</summary>
public sealed class DynamoDbOptions
{
    public const string Section = "Storage:DynamoDb";

    public const string Provider = "DynamoDb";

    public string TableName { get; set; } = "chatops-signin";

    /// <summary>Null takes the SDK's default (AWS_REGION, the profile, the instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint override: a VPC endpoint, or dynalite in the tests. Null uses the region's endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Start-up creates the table when it is missing. Set false where the bot's role may not create tables: then a missing
    /// table stops start-up, and <c>migrate</c> (or manifests/aws/dynamodb-table.yaml) creates it.
    /// </summary>
    public bool CreateTable { get; set; } = true;

    /// <summary>
    /// Turning TTL on (on attribute <c>ttl</c>) when the table is created or migrated. Only for engines without
    /// UpdateTimeToLive (dynalite): the stores ignore expired items themselves, so off means only that they are never deleted.
    /// </summary>
    public bool ConfigureTimeToLive { get; set; } = true;

    /// <summary>How long start-up (or <c>migrate</c>) may take to reach the table before it gives up with an error.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
