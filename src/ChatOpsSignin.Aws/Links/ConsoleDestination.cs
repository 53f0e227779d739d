using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// The console page a link lands on: a full URL (already checked at start-up to be on the partition's console host)
/// or a service path turned into <c>https://&lt;region&gt;.console.aws.amazon.com/&lt;service&gt;/home?region=&lt;region&gt;</c>.
/// A requester's <c>-s</c> replaces the profile's Destination and <c>-r</c> its Region (a full-URL Destination with only
/// <c>-r</c> gives the console home of that region); both were checked by <see cref="ConsoleTargetRules"/>.
/// </summary>
internal static class ConsoleDestination
{
    public static Uri For(ProfileOptions profile, AwsPartition partition) => For(profile, partition, ConsoleTarget.ProfileDefault);

    public static Uri For(ProfileOptions profile, AwsPartition partition, ConsoleTarget target)
    {
        var region = target.Region ?? profile.Region;
        if (target.Service is { } asked && ConsoleServices.Find(asked) is { } service)
        {
            return service.Global ? new Uri($"https://{partition.ConsoleHost}/{service.Path}") : partition.ConsoleUrl(service.Path, region);
        }

        var isUrl = profile.Destination is { } destination && destination.Contains("://", StringComparison.Ordinal);
        if (target.Region is not null && (isUrl || profile.Destination is null))
        {
            return partition.ConsoleUrl("console", region);
        }

        return isUrl ? new Uri(profile.Destination!) : partition.ConsoleUrl(profile.Destination, region);
    }
}
