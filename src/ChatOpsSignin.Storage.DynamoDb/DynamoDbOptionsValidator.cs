using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage.DynamoDb;

/// <summary>Start-up checks of <c>Storage:DynamoDb</c>; every message names the key at fault.</summary>
internal sealed partial class DynamoDbOptionsValidator : IValidateOptions<DynamoDbOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamoDbOptions options)
    {
        var errors = new List<string>();

        // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
        if (string.IsNullOrWhiteSpace(options.TableName))
        {
            errors.Add("Storage:DynamoDb:TableName: is empty; give a table name such as chatops-signin.");
        }
        else if (!TableNamePattern().IsMatch(options.TableName))
        {
            errors.Add($"Storage:DynamoDb:TableName: '{options.TableName}' is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -).");
        }

        if (options.Region is { } region && !RegionPattern().IsMatch(region))
        {
            errors.Add($"Storage:DynamoDb:Region: '{region}' is not a region name such as eu-west-1.");
        }

        if (options.ServiceUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"Storage:DynamoDb:ServiceUrl: '{url}' is not an absolute http(s) URL.");
        }

        if (options.StartupTimeout <= TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Storage:DynamoDb:StartupTimeout: '{options.StartupTimeout}' must be above zero and at most 00:10:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
