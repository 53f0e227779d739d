using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// The console page a link lands on: a full URL (already checked at start-up to be on the partition's console host)
/// or a service path turned into <c>https://&lt;region&gt;.console.aws.amazon.com/&lt;service&gt;/home?region=&lt;region&gt;</c>.
/// </summary>
internal static class ConsoleDestination
{
    public static Uri For(ProfileOptions profile, AwsPartition partition) =>
        profile.Destination is { } destination && destination.Contains("://", StringComparison.Ordinal)
            ? new Uri(destination)
            : partition.ConsoleUrl(profile.Destination, profile.Region);
}
