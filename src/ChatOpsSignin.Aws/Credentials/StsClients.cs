using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using ChatOpsSignin.Aws.Options;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// STS clients of the AWS SDK. The SDK's own Standard retry mode (2 retries of throttling, 5xx and transient errors,
/// with jitter) is the only retry layer for STS; nothing is stacked on top. <c>Aws:StsServiceUrl</c> overrides the endpoint
/// (VPC endpoint, stand-in) and then <c>Aws:Region</c> is the signing region.
/// </summary>
public sealed class StsClients(IOptions<AwsOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<AWSCredentials, AmazonSecurityTokenServiceClient> clients = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<AmazonSecurityTokenServiceClient> anonymous = new(() => new(new AnonymousAWSCredentials(), Config(options.Value)));

    /// <summary>A client signing with the broker's credentials.</summary>
    public IAmazonSecurityTokenService For(AWSCredentials credentials) =>
        clients.GetOrAdd(credentials, c => new AmazonSecurityTokenServiceClient(c, Config(options.Value)));

    /// <summary>An unsigned client for AssumeRoleWithWebIdentity (the token is the proof).</summary>
    public IAmazonSecurityTokenService Anonymous => anonymous.Value;

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        if (anonymous.IsValueCreated)
        {
            anonymous.Value.Dispose();
        }
    }

    private static AmazonSecurityTokenServiceConfig Config(AwsOptions options)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 2,
            Timeout = options.Timeout,
        };
        if (options.StsServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return config;
    }
}
