using System.Text.RegularExpressions;

namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// Where a link lands: a console region, and a service path or a full https URL on the partition's console host
/// (anything else would turn an allow-listed profile into an open redirect).
/// </summary>
internal static partial class DestinationRules
{
    public static void Check(Action<string, string> error, string? region, string? destination, AwsPartition partition)
    {
        CheckRegion(error, region);
        CheckDestination(error, destination, partition);
    }

    private static void CheckRegion(Action<string, string> error, string? region)
    {
        if (region is not null && !AwsOptionsValidator.IsRegion(region))
        {
            error("Region", $"'{region}' is not an AWS region name such as eu-west-1.");
        }
    }

    private static void CheckDestination(Action<string, string> error, string? destination, AwsPartition partition)
    {
        if (destination is null)
        {
            return;
        }

        if (destination.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                || !partition.IsConsoleHost(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                error("Destination", $"a full URL must be https on the {partition.Name} console host ({partition.ConsoleHost}); anything else would be an open redirect.");
            }
        }
        else if (!ServicePathPattern().IsMatch(destination) || destination.Contains("..", StringComparison.Ordinal))
        {
            error("Destination", $"'{destination}' is neither a console service path (e.g. cloudwatch, ec2/home#Instances) nor a full console URL.");
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*(/[A-Za-z0-9_.~/#?=&%:-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePathPattern();
}
