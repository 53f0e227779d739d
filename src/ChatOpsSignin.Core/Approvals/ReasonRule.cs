using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>
/// <c>Approval:RequireReason</c> and <c>Approval:ReasonPattern</c>: a request for the profile must carry a reason, and the
/// reason must match the pattern. The pattern runs with a match timeout, so an admin's regex can never stall a request;
/// a reason whose match times out is refused like one that does not match.
/// </summary>
public sealed class ReasonRule
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex? pattern;

    private ReasonRule(Regex? pattern) => this.pattern = pattern;

    /// <summary>The rule of an approval block, or null when it asks nothing of the reason.</summary>
    public static ReasonRule? For(ApprovalOptions? approval)
    {
        if (approval is null || (!approval.RequireReason && string.IsNullOrWhiteSpace(approval.ReasonPattern)))
        {
            return null;
        }

        return new ReasonRule(string.IsNullOrWhiteSpace(approval.ReasonPattern) ? null : Compile(approval.ReasonPattern));
    }

    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it compiles.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            _ = Compile(pattern);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>The refusal for <paramref name="reason"/>, or null when it passes.</summary>
    public SigninFailure? Refuse(string profile, string? reason)
    {
        var given = reason?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            return ApprovalRefusals.ReasonMissing(profile, pattern?.ToString());
        }

        if (pattern is null)
        {
            return null;
        }

        try
        {
            return pattern.IsMatch(given) ? null : ApprovalRefusals.ReasonMismatch(profile, pattern.ToString());
        }
        catch (RegexMatchTimeoutException)
        {
            return ApprovalRefusals.ReasonMismatch(profile, pattern.ToString());
        }
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);
}
