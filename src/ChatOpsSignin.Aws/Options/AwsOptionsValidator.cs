using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Options;

/// <summary>Start-up checks of the <c>Aws</c> section; every message names the key at fault.</summary>
internal sealed partial class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var errors = new List<string>();
        if (AwsPartition.Find(options.Partition) is null)
        {
            errors.Add($"Aws:Partition: '{options.Partition}' is not one of {string.Join(", ", AwsPartition.All.Select(p => p.Name))}.");
        }

        if (!RegionPattern().IsMatch(options.Region ?? string.Empty))
        {
            errors.Add($"Aws:Region: '{options.Region}' is not an AWS region name such as us-east-1.");
        }

        CheckUrl(errors, "Aws:StsServiceUrl", options.StsServiceUrl);
        CheckUrl(errors, "Aws:CognitoServiceUrl", options.CognitoServiceUrl);
        CheckUrl(errors, "Aws:FederationUrl", options.FederationUrl);
        CheckUrl(errors, "Aws:LogoutUrl", options.LogoutUrl);
        CheckUrl(errors, "Aws:IamServiceUrl", options.IamServiceUrl);
        CheckUrl(errors, "Aws:Issuer", options.Issuer);
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"Aws:Timeout: {options.Timeout} is outside 00:00:01 to 00:02:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsRegion(string? region) => region is not null && RegionPattern().IsMatch(region);

    private static void CheckUrl(List<string> errors, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{key}: '{value}' is not an absolute http(s) URL.");
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
