using System.Text.RegularExpressions;

namespace ChatOpsSignin.Core.Chat;

/// <summary>
/// The one command grammar (Slack <c>/aws-console …</c>, Teams <c>console …</c>): <c>help</c>, <c>status</c>,
/// <c>cancel &lt;request-id&gt;</c>, <c>revoke &lt;request-id&gt;</c>, <c>break-glass &lt;profile&gt; &lt;reason…&gt;</c>,
/// <c>&lt;profile&gt; [-s|--service S] [-r|--region R] [reason…]</c>. The platform strips its own wrapping (Slack's HTML
/// escapes, Teams' mentions) first; <paramref name="syntax"/> only changes how usage is spelled in the answers.
/// </summary>
public static partial class CommandGrammar
{
    /// <summary>Words that are commands, so no profile may be called so.</summary>
    public static readonly IReadOnlySet<string> ReservedWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "help", "status", "cancel", "revoke", "break-glass", "console",
    };

    public static ChatCommand Parse(string? text, CommandSyntax syntax)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length > ChatLimits.MaxCommandLength)
        {
            return new ChatCommand.Invalid($"That is too long for a command: keep it under {ChatLimits.MaxCommandLength} characters.");
        }

        var space = trimmed.IndexOfAny([' ', '\t', '\n', '\r']);
        var word = space < 0 ? trimmed : trimmed[..space];
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        switch (word.ToLowerInvariant())
        {
            case "" or "help" when rest.Length == 0:
                return new ChatCommand.Help();
            case "status" when rest.Length == 0:
                return new ChatCommand.Status();
            case "cancel":
                return RequestIdPattern().IsMatch(rest)
                    ? new ChatCommand.Cancel(rest)
                    : new ChatCommand.Invalid($"Usage: `{syntax.Prefix}cancel <request-id>` (the id looks like `req_…`; see `{syntax.Prefix}status`).");
            case BreakGlassWord:
                return ParseBreakGlass(rest, syntax);
            case "revoke":
                return RequestIdPattern().IsMatch(rest)
                    ? new ChatCommand.Revoke(rest)
                    : new ChatCommand.Invalid($"Usage: `{syntax.Prefix}revoke <request-id>` (the id is in the link message and in `{syntax.Prefix}status`).");
        }

        if (ReservedWords.Contains(word))
        {
            return new ChatCommand.Invalid($"'{word}' is a command word, not a profile. Type `{syntax.Prefix}help` to see what I can do.");
        }

        if (!ChatLimits.IsProfileName(word))
        {
            return new ChatCommand.Invalid($"A profile name is letters, digits, '.', '_' or '-'. Type `{syntax.Prefix}help` to see yours.");
        }

        return RequestOptions.Parse(word, rest, syntax);
    }

    public const string BreakGlassWord = "break-glass";

    public const string BreakGlassUsage = "break-glass <profile> <reason>";

    private static ChatCommand ParseBreakGlass(string rest, CommandSyntax syntax)
    {
        var space = rest.IndexOfAny([' ', '\t', '\n', '\r']);
        var profile = space < 0 ? rest : rest[..space];
        var reason = space < 0 ? string.Empty : rest[(space + 1)..].Trim();
        if (profile.Length == 0 || !ChatLimits.IsProfileName(profile) || ReservedWords.Contains(profile))
        {
            return new ChatCommand.Invalid($"Usage: `{syntax.Prefix}{BreakGlassUsage}` (the reason is required; approvers are told at once).");
        }

        if (reason.Length > ChatLimits.MaxReasonLength)
        {
            return new ChatCommand.Invalid($"The reason is too long: keep it under {ChatLimits.MaxReasonLength} characters.");
        }

        return new ChatCommand.BreakGlass(profile, reason.Length == 0 ? null : reason);
    }

    [GeneratedRegex(@"^req_[0-9a-f]{1,64}$")]
    private static partial Regex RequestIdPattern();
}

/// <summary>How a platform spells a command in usage text: Slack <c>/aws-console </c>, Teams <c>console </c>.</summary>
public sealed record CommandSyntax(string Prefix);
