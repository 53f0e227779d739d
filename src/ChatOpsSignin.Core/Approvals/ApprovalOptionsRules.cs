using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>Start-up checks of the approval keys this room adds; each message names the key at fault.</summary>
public static class ApprovalOptionsRules
{
    public static void Check(List<string> errors, string key, ApprovalOptions approval, Dictionary<string, List<string>> groups)
    {
        var approvers = new Policy.UserSet(approval.Approvers, groups).Count;
        if (approval.Required < 1)
        {
            errors.Add($"{key}:Required: must be 1 or more.");
        }
        else if (approval.Required > approvers)
        {
            errors.Add($"{key}:Required: {approval.Required} approvals are required but Approvers names only {approvers} user(s).");
        }

        for (var i = 0; i < approval.Notify.Count; i++)
        {
            var entry = approval.Notify[i].Trim();
            var known = entry.StartsWith(Policy.UserSet.GroupPrefix, StringComparison.Ordinal)
                ? groups.ContainsKey(entry[Policy.UserSet.GroupPrefix.Length..])
                : Identity.ChatUserId.TryParse(entry, out _);
            if (!known)
            {
                errors.Add($"{key}:Notify:{i}: '{approval.Notify[i]}' is neither a user key nor a group:<name> defined under Groups.");
            }
        }

        if (approval.ReuseFor is { } reuse && (reuse <= TimeSpan.Zero || reuse > TimeSpan.FromHours(12)))
        {
            errors.Add($"{key}:ReuseFor: {reuse} is outside 00:00:01 to 12:00:00 (leave it out to turn reuse off).");
        }

        if (!string.IsNullOrWhiteSpace(approval.ReasonPattern) && ReasonRule.Problem(approval.ReasonPattern) is { } problem)
        {
            errors.Add($"{key}:ReasonPattern: '{approval.ReasonPattern}' is not a valid regular expression: {problem}");
        }
    }
}
