using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>Break-glass "no"s, with stable codes for the audit trail (<see cref="Audit.AuditEventType.BreakGlassRefused"/>).</summary>
public static class BreakGlassRefusals
{
    public static SigninFailure Unavailable(string profile) => new(
        "break_glass_unavailable",
        $"Profile '{profile}' has no break-glass. Ask for it the usual way (`{profile} <reason>`), or ask an admin.",
        $"break-glass for '{profile}', which has no BreakGlass section.");

    public static SigninFailure NotAllowed(string profile) => new(
        "break_glass_not_allowed",
        $"You may not break the glass on '{profile}': you are not in its BreakGlass:Allow. Ask for it the usual way, or ask an admin.",
        $"The requester is not in Profiles:{profile}:BreakGlass:Allow.");

    public static readonly SigninFailure ChatOnly = new(
        "break_glass_chat_only",
        "Break-glass is announced to the approvers in chat; ask for it from Slack or Teams.",
        "break-glass asked for from the command line.");

    public static SigninFailure ReasonMissing(string profile, string? pattern) => new(
        "reason_required",
        $"Break-glass needs a reason{(pattern is null ? string.Empty : $" matching `{pattern}`")}: `break-glass {profile} <reason>`. The approvers are told it at once.",
        $"break-glass for '{profile}' came without a reason.");

    public static SigninFailure ReasonMismatch(string profile, string pattern) => new(
        "reason_mismatch",
        $"Break-glass on '{profile}' needs a reason matching `{pattern}`: `break-glass {profile} <reason>`, e.g. with the incident id.",
        $"break-glass for '{profile}' gave a reason that does not match Approval:ReasonPattern.");

    public static SigninFailure RateLimited(int limit, TimeSpan window) => new(
        "break_glass_rate_limited",
        $"You have broken the glass {limit} times in the last {(window.TotalHours >= 1 ? $"{window.TotalHours:0.#} h" : $"{window.TotalMinutes:0} min")}, which is as often as allowed. Ask an approver the usual way.",
        $"RateLimit:BreakGlassPerUser {limit}/{window} reached.");
}
