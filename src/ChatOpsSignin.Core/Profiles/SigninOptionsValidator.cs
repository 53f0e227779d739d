using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Profiles;

/// <summary>
/// Start-up checks of the chat side of profiles: allow-lists, approvals, groups, rate limit.
/// Every message names the configuration key at fault. AWS-specific keys are checked by the Aws room.
/// </summary>
public sealed class SigninOptionsValidator : IValidateOptions<SigninOptions>
{
    private const string Forms =
        "slack:<team>/<user>, slack:<enterprise>/<user>, slack:<team>/*, slack-usergroup:<team>/<usergroup>, "
        + "teams:<tenant>/<aadObjectId>, teams:<tenant>/*, entra-group:<tenant>/<group>";

    private static readonly TimeSpan MinApprovalTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxApprovalTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SigninOptions options)
    {
        var errors = new List<string>();
        foreach (var (group, members) in options.Groups)
        {
            for (var i = 0; i < members.Count; i++)
            {
                if (UserSetEntry.Parse(members[i]) is null or UserSetEntry.Named)
                {
                    errors.Add($"Groups:{group}:{i}: '{members[i]}' is not a user key or directory entry ({Forms}).");
                }
            }
        }

        foreach (var (profile, value) in options.Profiles)
        {
            if (CommandGrammar.ReservedWords.Contains(profile) || !ChatLimits.IsProfileName(profile))
            {
                errors.Add($"Profiles:{profile}: a profile name is letters, digits, '.', '_' or '-' (up to {ChatLimits.MaxProfileNameLength}) and not a command word ({string.Join(", ", CommandGrammar.ReservedWords)}).");
            }

            CheckEntries(errors, $"Profiles:{profile}:Allow", value.Allow, options.Groups);
            if (value.Allow.Count == 0)
            {
                errors.Add($"Profiles:{profile}:Allow: is empty, so nobody could use the profile.");
            }

            if (value.Approval is { } approval)
            {
                CheckApproval(errors, $"Profiles:{profile}:Approval", approval, options.Groups);
            }

            if (value.BreakGlass is { } breakGlass)
            {
                CheckEntries(errors, $"Profiles:{profile}:BreakGlass:Allow", breakGlass.Allow, options.Groups);
                Approvals.BreakGlassOptionsRules.Check(errors, $"Profiles:{profile}", value);
            }
        }

        CheckEntries(errors, "Admins", options.Admins, options.Groups);
        if (options.RateLimit.PerUser < 0)
        {
            errors.Add("RateLimit:PerUser: must be 0 (off) or more.");
        }

        if (options.RateLimit.PerUserPerProfile < 0)
        {
            errors.Add("RateLimit:PerUserPerProfile: must be 0 (off) or more.");
        }

        if (options.RateLimit.BreakGlassPerUser < 0)
        {
            errors.Add("RateLimit:BreakGlassPerUser: must be 0 (off) or more.");
        }

        if (options.RateLimit.BreakGlassWindow <= TimeSpan.Zero)
        {
            errors.Add("RateLimit:BreakGlassWindow: must be a positive duration such as 1.00:00:00.");
        }

        if (options.RateLimit.Window <= TimeSpan.Zero)
        {
            errors.Add("RateLimit:Window: must be a positive duration such as 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckApproval(List<string> errors, string key, ApprovalOptions approval, Dictionary<string, List<string>> groups)
    {
        CheckEntries(errors, $"{key}:Approvers", approval.Approvers, groups);
        if (approval.Approvers.Count == 0)
        {
            errors.Add($"{key}:Approvers: an approval block needs at least one approver.");
        }

        if (string.IsNullOrWhiteSpace(approval.SlackChannel) && string.IsNullOrWhiteSpace(approval.TeamsChannel))
        {
            errors.Add($"{key}: needs a SlackChannel or a TeamsChannel where approvers are asked.");
        }

        if (approval.Timeout < MinApprovalTimeout || approval.Timeout > MaxApprovalTimeout)
        {
            errors.Add($"{key}:Timeout: {approval.Timeout} is outside 00:01:00 to 1.00:00:00.");
        }

        Approvals.ApprovalOptionsRules.Check(errors, key, approval, groups);
    }

    private static void CheckEntries(List<string> errors, string key, List<string> entries, Dictionary<string, List<string>> groups)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.StartsWith(UserSet.GroupPrefix, StringComparison.Ordinal))
            {
                if (!groups.ContainsKey(entry[UserSet.GroupPrefix.Length..]))
                {
                    errors.Add($"{key}:{i}: group '{entry[UserSet.GroupPrefix.Length..]}' is not defined under Groups.");
                }
            }
            else if (UserSetEntry.Parse(entry) is null)
            {
                errors.Add($"{key}:{i}: '{entry}' is neither a user key or directory entry ({Forms}) nor group:<name>.");
            }
        }
    }
}
