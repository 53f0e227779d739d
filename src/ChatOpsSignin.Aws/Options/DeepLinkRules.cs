using ChatOpsSignin.Aws.Links;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Options;

/// <summary>A profile's <c>Services</c> must be known console services and its <c>Regions</c> regions of the partition.</summary>
internal static class DeepLinkRules
{
    public static void Check(Action<string, string> error, ProfileOptions profile, AwsPartition partition)
    {
        foreach (var service in profile.Services.Where(s => ConsoleServices.Find(s) is null))
        {
            error("Services", $"'{service}' is not a console service I know. Known: {string.Join(", ", ConsoleServices.All.Select(s => s.Name))}.");
        }

        foreach (var region in profile.Regions.Where(r => !AwsOptionsValidator.IsRegion(r) || !PartitionRegions.Fits(partition, r)))
        {
            error("Regions", $"'{region}' is not a region of the {partition.Name} partition (e.g. {PartitionRegions.Of(partition)[0]}).");
        }
    }
}
