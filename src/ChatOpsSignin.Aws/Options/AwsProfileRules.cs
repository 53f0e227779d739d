using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// Per-method rules of a profile, from the STS and Cognito API references
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, API_GetFederationToken.html, Cognito GetId).
/// Messages read "Profiles:&lt;name&gt;:&lt;Key&gt;: &lt;what is wrong&gt;".
/// </summary>
internal static partial class AwsProfileRules
{
    public static IReadOnlyList<string> Check(string name, ProfileOptions profile, AwsPartition partition)
    {
        var errors = new List<string>();
        void Error(string key, string what) => errors.Add($"Profiles:{name}:{key}: {what}");

        switch (profile.Method)
        {
            case SigninMethod.AssumeRole:
                CheckRoleArn(Error, profile.RoleArn, partition);
                CheckExternalId(Error, profile.ExternalId);
                CheckDuration(Error, profile.SessionDuration, TimeSpan.FromHours(12));
                NotUsed(Error, profile, nameof(ProfileOptions.IdentityPoolId), nameof(ProfileOptions.DeveloperProviderName));
                break;
            case SigninMethod.FederationToken:
                if (string.IsNullOrWhiteSpace(profile.Policy) && profile.PolicyArns.Count == 0)
                {
                    Error("Policy", "a FederationToken profile needs Policy and/or PolicyArns: without a session policy the federated user has no permissions.");
                }

                CheckDuration(Error, profile.SessionDuration, TimeSpan.FromHours(36));
                NotUsed(Error, profile, nameof(ProfileOptions.RoleArn), nameof(ProfileOptions.ExternalId),
                    nameof(ProfileOptions.IdentityPoolId), nameof(ProfileOptions.DeveloperProviderName));
                break;
            case SigninMethod.Cognito:
                CheckCognito(Error, profile);
                CheckRoleArn(Error, profile.RoleArn, partition);
                CheckDuration(Error, profile.SessionDuration, TimeSpan.FromHours(12));
                NotUsed(Error, profile, nameof(ProfileOptions.ExternalId));
                if (profile.Tags.Count > 0)
                {
                    Error("Tags", "the Cognito flow cannot set session tags (nor a SourceIdentity): AssumeRoleWithWebIdentity takes them only from the identity token; remove Tags.");
                }

                break;
            default:
                Error("Method", $"'{profile.Method}' is not AssumeRole, FederationToken or Cognito.");
                break;
        }

        if (profile.AllowGuestIdentities && (profile.Method != SigninMethod.Cognito || profile.DeveloperProviderName is not null))
        {
            Error("AllowGuestIdentities", "only applies to a Cognito profile without DeveloperProviderName; remove it.");
        }

        SessionPolicyRules.Check(Error, profile, partition);
        DestinationRules.Check(Error, profile.Region, profile.Destination, partition);
        DeepLinkRules.Check(Error, profile, partition);
        SessionTagRules.Check(Error, profile.Tags);
        return errors;
    }

    private static void CheckRoleArn(Action<string, string> error, string? roleArn, AwsPartition partition)
    {
        if (string.IsNullOrWhiteSpace(roleArn))
        {
            error("RoleArn", "is required for this method.");
        }
        else if (!RoleArnPattern().IsMatch(roleArn) || !roleArn.StartsWith($"arn:{partition.Name}:", StringComparison.Ordinal))
        {
            error("RoleArn", $"'{roleArn}' is not a role ARN of partition {partition.Name} (arn:{partition.Name}:iam::<12 digits>:role/<path/name>).");
        }
    }

    private static void CheckExternalId(Action<string, string> error, string? externalId)
    {
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
        {
            error("ExternalId", "must be 2-1224 characters of letters, digits and _+=,.@:/- (STS ExternalId rule).");
        }
    }

    private static void CheckDuration(Action<string, string> error, TimeSpan duration, TimeSpan max)
    {
        if (duration < TimeSpan.FromMinutes(15) || duration > max)
        {
            error("SessionDuration", $"{duration} is outside 00:15:00 to {max:g} for this method.");
        }
    }

    private static void CheckCognito(Action<string, string> error, ProfileOptions profile)
    {
        if (string.IsNullOrWhiteSpace(profile.IdentityPoolId))
        {
            error("IdentityPoolId", "is required for Cognito profiles (region:guid).");
        }
        else if (profile.IdentityPoolId.Length > 55 || !IdentityPoolPattern().IsMatch(profile.IdentityPoolId))
        {
            error("IdentityPoolId", $"'{profile.IdentityPoolId}' is not an identity pool id such as us-east-1:0123abcd-...");
        }

        if (profile.DeveloperProviderName is { } provider && !DeveloperProviderPattern().IsMatch(provider))
        {
            error("DeveloperProviderName", "must be 1-128 characters of letters, digits and _.- (as configured on the pool).");
        }
        else if (profile.DeveloperProviderName is null && !profile.AllowGuestIdentities)
        {
            error("DeveloperProviderName", "is not set, so this profile uses Cognito guest identities: anyone who knows the identity pool id "
                + "(it is public) gets the same credentials without the bot, bypassing allow-list, approval, rate limit and audit. "
                + "Set DeveloperProviderName (developer-authenticated identities), or AllowGuestIdentities: true to accept that.");
        }
    }

    private static void NotUsed(Action<string, string> error, ProfileOptions profile, params string[] keys)
    {
        foreach (var key in keys)
        {
            var value = key switch
            {
                nameof(ProfileOptions.RoleArn) => profile.RoleArn,
                nameof(ProfileOptions.ExternalId) => profile.ExternalId,
                nameof(ProfileOptions.IdentityPoolId) => profile.IdentityPoolId,
                _ => profile.DeveloperProviderName,
            };
            if (value is not null)
            {
                error(key, $"is not used by Method {profile.Method}; remove it (or change Method).");
            }
        }
    }

    [GeneratedRegex(@"^arn:[a-z-]+:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+:[0-9a-f-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityPoolPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeveloperProviderPattern();
}
