namespace ChatOpsSignin.Aws.Options;

/// <summary>The <c>Aws</c> configuration section: where the broker talks to AWS and how it signs people in.</summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    /// <summary><c>aws</c>, <c>aws-us-gov</c> or <c>aws-cn</c>: picks the default federation and console hosts.</summary>
    public string Partition { get; set; } = AwsPartition.Commercial.Name;

    /// <summary>STS signing region (and endpoint region when <see cref="StsServiceUrl"/> is not set).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Override of the STS endpoint: a VPC endpoint, or a stand-in in tests.</summary>
    public string? StsServiceUrl { get; set; }

    /// <summary>Override of the Cognito Identity endpoint (default: <c>cognito-identity.&lt;pool region&gt;.&lt;partition dns&gt;</c>).</summary>
    public string? CognitoServiceUrl { get; set; }

    /// <summary>Override of the IAM endpoint (revoke): tests, partitions (default: the partition's global IAM endpoint).</summary>
    public string? IamServiceUrl { get; set; }

    /// <summary>Override of the federation endpoint (default from <see cref="Partition"/>).</summary>
    public string? FederationUrl { get; set; }

    /// <summary>
    /// Override of the console sign-out endpoint used with <c>Links:LogoutFirst</c> (default from <see cref="Partition"/>,
    /// e.g. <c>https://us-east-1.signin.aws.amazon.com/oauth</c>).
    /// </summary>
    public string? LogoutUrl { get; set; }

    /// <summary>The <c>Issuer</c> of <c>Action=login</c>: the page users return to when the console session ends.</summary>
    public string? Issuer { get; set; }

    /// <summary>Auto detects temporary broker credentials by their session token; LongTerm/Temporary override the detection.</summary>
    public BrokerCredentialKind BrokerCredentials { get; set; } = BrokerCredentialKind.Auto;

    /// <summary>Per-attempt timeout of every AWS call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    internal AwsPartition PartitionInfo => AwsPartition.Find(Partition) ?? AwsPartition.Commercial;

    internal Uri FederationEndpoint => new(FederationUrl ?? PartitionInfo.FederationUrl);

    internal Uri LogoutEndpoint => new(LogoutUrl ?? PartitionInfo.LogoutUrl);
}
