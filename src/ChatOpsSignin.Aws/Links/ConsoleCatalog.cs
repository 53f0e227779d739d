using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Links;

/// <summary>The known console services and the configured partition's regions, plus any region a profile names.</summary>
internal sealed class ConsoleCatalog(IOptions<AwsOptions> aws, IOptions<SigninOptions> signin) : IConsoleCatalog
{
    private readonly Lazy<IReadOnlyList<string>> regions = new(() => RegionsOf(aws.Value.PartitionInfo, signin.Value));

    public IReadOnlyList<string> Services { get; } = ConsoleServices.All.Select(s => s.Name).ToList();

    public IReadOnlyList<string> Regions => regions.Value;

    public string? CanonicalService(string name) => ConsoleServices.Find(name)?.Name;

    private static List<string> RegionsOf(AwsPartition partition, SigninOptions options) => PartitionRegions.Of(partition)
        .Concat(options.Profiles.Values.SelectMany(p => p.Regions.Append(p.Region ?? string.Empty)))
        .Where(r => AwsOptionsValidator.IsRegion(r) && PartitionRegions.Fits(partition, r))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();
}
