using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// Session policies (AssumeRole, GetFederationToken, AssumeRoleWithWebIdentity): an inline JSON policy of at most 2048
/// characters and at most 10 managed policy ARNs of the partition. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
/// </summary>
internal static partial class SessionPolicyRules
{
    public const int MaxPolicyChars = 2048;
    public const int MaxPolicyArns = 10;

    public static void Check(Action<string, string> error, ProfileOptions profile, AwsPartition partition)
    {
        if (profile.Policy is { } policy)
        {
            if (policy.Length > MaxPolicyChars)
            {
                error("Policy", $"is {policy.Length} characters; STS accepts at most {MaxPolicyChars}.");
            }
            else if (!IsJsonObject(policy))
            {
                error("Policy", "is not a JSON policy document (an object with Version and Statement).");
            }
        }

        if (profile.PolicyArns.Count > MaxPolicyArns)
        {
            error("PolicyArns", $"has {profile.PolicyArns.Count} entries; STS accepts at most {MaxPolicyArns}.");
        }

        for (var i = 0; i < profile.PolicyArns.Count; i++)
        {
            if (!PolicyArnPattern().IsMatch(profile.PolicyArns[i]) || !profile.PolicyArns[i].StartsWith($"arn:{partition.Name}:", StringComparison.Ordinal))
            {
                error($"PolicyArns:{i}", $"'{profile.PolicyArns[i]}' is not a managed policy ARN of partition {partition.Name}.");
            }
        }
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^arn:[a-z-]+:iam::([0-9]{12}|aws):policy/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyArnPattern();
}
