using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// The AWS half of profile validation (the core checks Allow, Approval and Groups).
/// Reads the partition straight from configuration so a bad <c>Aws</c> section is reported by its own validator, not here.
/// </summary>
internal sealed class AwsProfileValidator(IConfiguration configuration) : IValidateOptions<SigninOptions>
{
    public ValidateOptionsResult Validate(string? name, SigninOptions options)
    {
        var partition = AwsPartition.Find(configuration[$"{AwsOptions.Section}:{nameof(AwsOptions.Partition)}"]) ?? AwsPartition.Commercial;
        var errors = new List<string>();
        foreach (var (profile, value) in options.Profiles)
        {
            errors.AddRange(AwsProfileRules.Check(profile, value, partition));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
