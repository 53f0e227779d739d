using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ChatOpsSignin.Storage.DynamoDb;
using ChatOpsSignin.Storage.DynamoDb.Table;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

/// <summary>The store tests' side of dynalite: SDK clients and engine options pointed at it.</summary>
public sealed partial class DynaliteServer
{
    /// <summary>dynalite checks no signature; the SDK still needs credentials to sign with. Test-only, never the default chain.</summary>
    public static readonly BasicAWSCredentials Credentials = new("dynalite-test", "dynalite-test");

    /// <summary>A client the way the engine builds one, with explicit test credentials.</summary>
    public IAmazonDynamoDB Client() => DynamoDbClientFactory.Create(Options(), Credentials);

    public DynamoDbOptions Options(string tableName = "chatops-signin") => new()
    {
        TableName = tableName,
        ServiceUrl = ServiceUrl.ToString(),
        Region = "us-east-1",

        // dynalite has no UpdateTimeToLive: say so explicitly, as a deployment on dynalite would.
        ConfigureTimeToLive = false,
        StartupTimeout = TimeSpan.FromSeconds(20),
    };
}
