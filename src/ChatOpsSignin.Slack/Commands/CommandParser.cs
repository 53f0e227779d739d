using System.Text.RegularExpressions;

namespace ChatOpsSignin.Slack.Commands;

/// <summary>
/// <c>/aws-console</c> text: empty or <c>help</c>; <c>status</c>; <c>cancel &lt;request-id&gt;</c>; <c>&lt;profile&gt; [reason]</c>.
/// Slack escapes &amp;, &lt; and &gt; in command text; the reason is unescaped here and escaped again wherever it is shown.
/// </summary>
public static partial class CommandParser
{
    public const int MaxReasonLength = 500;

    public static SlackCommand Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        var word = space < 0 ? trimmed : trimmed[..space];
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();

        switch (word.ToLowerInvariant())
        {
            case "" or "help" when rest.Length == 0:
                return new SlackCommand.Help();
            case "status" when rest.Length == 0:
                return new SlackCommand.Status();
            case "cancel":
                return RequestIdPattern().IsMatch(rest)
                    ? new SlackCommand.Cancel(rest)
                    : new SlackCommand.Invalid("Usage: `/aws-console cancel <request-id>` (the id looks like `req_…`; see `/aws-console status`).");
        }

        if (!ProfilePattern().IsMatch(word))
        {
            return new SlackCommand.Invalid("A profile name is letters, digits, '.', '_' or '-'. Type `/aws-console help` to see yours.");
        }

        var reason = Unescape(rest);
        if (reason.Length > MaxReasonLength)
        {
            return new SlackCommand.Invalid($"The reason is too long: keep it under {MaxReasonLength} characters.");
        }

        return new SlackCommand.Request(word, reason.Length == 0 ? null : reason);
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ProfilePattern();

    [GeneratedRegex(@"^req_[0-9a-f]{1,64}$")]
    private static partial Regex RequestIdPattern();
}
