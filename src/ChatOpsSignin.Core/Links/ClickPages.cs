using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Links;

/// <summary>The words of the pages a click-through link can show instead of the console. No AWS URL, no internals.</summary>
internal static class ClickPages
{
    public static readonly ClickOutcome.Page Unknown = new(
        404, "Link not found", "This sign-in link does not exist. Ask the bot for a new link in chat.");

    public const string RevokedCode = "link_revoked";

    public static ClickOutcome.Page Revoked(string profile) => new(
        410, "Sign-in revoked", $"This sign-in for {profile} was revoked in chat, so the link no longer opens the console. Ask the bot again if you still need access.");

    public static string CodeOf(LinkTicketStatus status) => status == LinkTicketStatus.AlreadyUsed ? "link_already_used" : "link_expired";

    public static ClickOutcome.Page For(LinkTicketStatus status, string profile) => status == LinkTicketStatus.AlreadyUsed
        ? new(410, "Link already used", $"This sign-in link for {profile} has already been used; each link opens the console once. Ask the bot again in chat for a new one.")
        : new(410, "Link expired", $"This sign-in link for {profile} has expired (links work for 15 minutes). Ask the bot again in chat for a new one.");

    public static ClickOutcome.Page Refused(string profile, SigninFailure failure) => failure.Code is "not_allowed" or "unknown_profile" or "approver_not_current"
        ? new(403, "Sign-in refused", $"You may no longer open {profile}: {failure.UserMessage}")
        : new(502, "Sign-in failed", $"The console link for {profile} could not be made: {failure.UserMessage}");
}
