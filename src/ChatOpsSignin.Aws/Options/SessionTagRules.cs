using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// STS session tag rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html): at most 50 tags,
/// keys 1-128 and values 0-256 of <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c>, no <c>aws:</c> prefix, keys unique ignoring case.
/// The core always adds chat-platform, chat-user and chat-approver, so a profile may name at most 47 and none of those.
/// </summary>
internal static partial class SessionTagRules
{
    public const int MaxTags = 50;
    public static readonly IReadOnlyList<string> CoreKeys = [SessionTags.Platform, SessionTags.User, SessionTags.Approver];

    public static void Check(Action<string, string> error, IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count + CoreKeys.Count > MaxTags)
        {
            error("Tags", $"has {tags.Count} tags; with the {CoreKeys.Count} the broker adds, STS's limit of {MaxTags} allows at most {MaxTags - CoreKeys.Count}.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in tags)
        {
            if (key.Length is < 1 or > 128 || !TagPattern().IsMatch(key) || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                error($"Tags:{key}", "a tag key must be 1-128 letters, digits, spaces or _.:/=+-@ and must not start with aws:.");
            }
            else if (CoreKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                error($"Tags:{key}", "is set by the broker itself (chat-platform, chat-user, chat-approver); choose another key.");
            }
            else if (!seen.Add(key))
            {
                error($"Tags:{key}", "differs from another tag key only by case; STS rejects that.");
            }

            if (value.Length > 256 || (value.Length > 0 && !TagPattern().IsMatch(value)))
            {
                error($"Tags:{key}", "a tag value must be at most 256 letters, digits, spaces or _.:/=+-@.");
            }
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
