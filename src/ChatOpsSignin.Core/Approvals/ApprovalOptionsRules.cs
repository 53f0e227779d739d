using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>Start-up checks of the approval keys this room adds; each message names the key at fault.</summary>
public static class ApprovalOptionsRules
{
    public static void Check(List<string> errors, string key, ApprovalOptions approval, Dictionary<string, List<string>> groups)
    {
        if (!string.IsNullOrWhiteSpace(approval.ReasonPattern) && ReasonRule.Problem(approval.ReasonPattern) is { } problem)
        {
            errors.Add($"{key}:ReasonPattern: '{approval.ReasonPattern}' is not a valid regular expression: {problem}");
        }
    }
}
