using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// STS parameter constraints (botocore sts model / API reference) and AWS's "N validation errors detected" wording.
/// Packing model (documented stand-in simplification): policy characters plus 4x tag characters over 4096 is 100%.
/// </summary>
internal static partial class StsRules
{
    public static readonly Regex NamePattern = NameRegex();
    public static readonly Regex ExternalIdPattern = ExternalIdRegex();

    public static string? Required(List<string> errors, Dictionary<string, string> form, string parameter, string member, int min, int max, Regex? pattern)
    {
        if (!form.TryGetValue(parameter, out var value))
        {
            errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return null;
        }

        Check(errors, value, member, min, max, pattern);
        return value;
    }

    public static string? Optional(List<string> errors, Dictionary<string, string> form, string parameter, string member, int min, int max, Regex? pattern)
    {
        if (!form.TryGetValue(parameter, out var value))
        {
            return null;
        }

        Check(errors, value, member, min, max, pattern);
        return value;
    }

    public static TimeSpan Duration(List<string> errors, Dictionary<string, string> form, int min, int max, int fallback)
    {
        if (!form.TryGetValue("DurationSeconds", out var text))
        {
            return TimeSpan.FromSeconds(fallback);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            errors.Add($"Value '{text}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
            return TimeSpan.FromSeconds(fallback);
        }

        if (seconds < min)
        {
            errors.Add($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        }
        else if (seconds > max)
        {
            errors.Add($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to {max}");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public static Dictionary<string, string> Tags(List<string> errors, Dictionary<string, string> form)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; form.TryGetValue($"Tags.member.{i}.Key", out var key); i++)
        {
            if (!form.TryGetValue($"Tags.member.{i}.Value", out var value))
            {
                errors.Add($"Value null at 'tags.{i}.member.value' failed to satisfy constraint: Member must not be null");
                value = string.Empty;
            }

            Check(errors, key, $"tags.{i}.member.key", 1, 128, TagRegex());
            if (value.Length > 0)
            {
                Check(errors, value, $"tags.{i}.member.value", 0, 256, TagRegex());
            }

            if (tags.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }

            tags[key] = value;
        }

        MemberList(errors, form, "Tags", ["Key", "Value"], tags.Count);
        if (tags.Count > 50)
        {
            errors.Add($"Value '[...{tags.Count} tags]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        return tags;
    }

    public static (string? Policy, IReadOnlyList<string> PolicyArns) Policies(List<string> errors, Dictionary<string, string> form)
    {
        var policy = Optional(errors, form, "Policy", "policy", 1, 2048, null);
        var arns = new List<string>();
        for (var i = 1; form.TryGetValue($"PolicyArns.member.{i}.arn", out var arn); i++)
        {
            Check(errors, arn, $"policyArns.{i}.member.arn", 20, 2048, null);
            arns.Add(arn);
        }

        MemberList(errors, form, "PolicyArns", ["arn"], arns.Count);
        if (arns.Count > 10)
        {
            errors.Add($"Value '[...{arns.Count} ARNs]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        return (policy, arns);
    }

    /// <summary>
    /// A list parameter is exactly <c>List.member.1..N.Field</c>, numbered from 1 without gaps (awsQuery list serialisation).
    /// What real STS does with other keys under the list's name is not documented (ignoring them would silently drop the
    /// members); the stand-in refuses them, so an encoding slip fails loudly instead of losing a tag or a policy.
    /// </summary>
    private static void MemberList(List<string> errors, Dictionary<string, string> form, string list, string[] fields, int count)
    {
        foreach (var key in form.Keys.Where(k => k.StartsWith(list + ".", StringComparison.Ordinal)))
        {
            var parts = key.Split('.');
            var wellFormed = parts.Length == 4 && parts[1] == "member" && fields.Contains(parts[3])
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= 1 && n <= count && parts[2] == n.ToString(CultureInfo.InvariantCulture);
            if (!wellFormed)
            {
                errors.Add($"Parameter '{key}' is not a member of the '{list}' list: expected {list}.member.N.{string.Join('|', fields)}, N from 1 without gaps");
            }
        }
    }

    public static AwsError? ValidationError(List<string> errors) => errors.Count == 0
        ? null
        : new AwsError(400, "ValidationError",
            $"{errors.Count} validation error{(errors.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", errors)}");

    public static AwsError? PolicyProblem(string? policy, IReadOnlyDictionary<string, string> tags)
    {
        if (policy is not null && !IsJsonObject(policy))
        {
            return new AwsError(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
        }

        var packed = PackedPercent(policy, tags);
        return packed > 100
            ? new AwsError(400, "PackedPolicyTooLarge", $"Packed size of session tags and policies consumes {packed}% of allotted space, please use smaller policy or tags.")
            : null;
    }

    public static int PackedPercent(string? policy, IReadOnlyDictionary<string, string> tags) =>
        ((policy?.Length ?? 0) + (4 * tags.Sum(t => t.Key.Length + t.Value.Length))) * 100 / 4096;

    private static void Check(List<string> errors, string value, string member, int min, int max, Regex? pattern)
    {
        if (value.Length < min)
        {
            errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
        else if (value.Length > max)
        {
            errors.Add($"Value '{value[..Math.Min(value.Length, 40)]}...' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
        else if (pattern is not null && !pattern.IsMatch(value))
        {
            errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern.ToString().Trim('^', '$')}");
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

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
