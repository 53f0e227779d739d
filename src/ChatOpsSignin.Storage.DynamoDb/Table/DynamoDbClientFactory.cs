using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace ChatOpsSignin.Storage.DynamoDb.Table;

/// <summary>
/// The DynamoDB client from <c>Storage:DynamoDb</c>: credentials from the SDK default chain (environment, profile,
/// container and instance roles), region from the setting or the SDK default, and an endpoint override for VPC endpoints
/// and dynalite. Retries are the SDK's own (standard mode), but at most two: with the DynamoDB client's own budget a call
/// to an endpoint that refuses connections did not fail within 35 s (its backoff grows with every try), so the Slack
/// edge could not answer 503 while Slack still waited, and the work pump stalled. A bounded per-call timeout keeps a dead endpoint from hanging.
/// </summary>
internal static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbOptions options, AWSCredentials? credentials = null)
    {
        var config = new AmazonDynamoDBConfig { Timeout = TimeSpan.FromSeconds(10), RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 };
        if (options.ServiceUrl is { Length: > 0 } url)
        {
            // ServiceURL and RegionEndpoint replace each other in the SDK; with an override the region only signs.
            config.ServiceURL = url;
            if (options.Region is { Length: > 0 } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (options.Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        try
        {
            return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
        }
        catch (AmazonClientException exception)
        {
            throw new InvalidOperationException(
                $"Storage:DynamoDb:Region: no region is set and the AWS SDK found none ({exception.Message}); set Storage:DynamoDb:Region or AWS_REGION.",
                exception);
        }
    }
}
