namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// Public regions per partition (https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints, late 2026).
/// A region AWS adds later works as soon as a profile names it in <c>Region</c> or <c>Regions</c>.
/// </summary>
internal static class PartitionRegions
{
    private static readonly string[] Commercial =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
        "me-central-1", "mx-central-1", "sa-east-1",
    ];

    private static readonly string[] GovCloud = ["us-gov-west-1", "us-gov-east-1"];

    private static readonly string[] China = ["cn-north-1", "cn-northwest-1"];

    public static IReadOnlyList<string> Of(AwsPartition partition) => partition.Name switch
    {
        "aws-us-gov" => GovCloud,
        "aws-cn" => China,
        _ => Commercial,
    };

    /// <summary>Whether a region name can belong to the partition (new regions keep the prefix).</summary>
    public static bool Fits(AwsPartition partition, string region) => partition.Name switch
    {
        "aws-us-gov" => region.StartsWith("us-gov-", StringComparison.Ordinal),
        "aws-cn" => region.StartsWith("cn-", StringComparison.Ordinal),
        _ => !region.StartsWith("us-gov-", StringComparison.Ordinal) && !region.StartsWith("cn-", StringComparison.Ordinal),
    };
}
