using System.Net;
using System.Text.RegularExpressions;

namespace ChatOpsSignin.Teams.Commands;

/// <summary>
/// Parses <c>console &lt;profile&gt; [reason]</c>, <c>help</c>, <c>status</c>, <c>cancel &lt;id&gt;</c>. In channels and
/// group chats the text starts with the bot's mention (<c>&lt;at&gt;Bot&lt;/at&gt;</c>), which is stripped first.
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions.
/// </summary>
internal static partial class CommandParser
{
    public const string Usage = "Commands: `console PROFILE [REASON]`, `help`, `status`, `cancel REQUEST-ID`.";

    public static string StripMentions(string? text)
    {
        var withoutMentions = MentionPattern().Replace(text ?? string.Empty, " ");
        var withoutTags = TagPattern().Replace(withoutMentions, " ");
        return WebUtility.HtmlDecode(withoutTags).Replace('\u00a0', ' ').Trim();
    }

    public static TeamsCommand Parse(string? text)
    {
        var clean = StripMentions(text);
        var parts = clean.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return new TeamsCommand.Unknown("Say what you need. " + Usage);
        }

        var verb = parts[0].ToLowerInvariant().TrimStart('/');
        return verb switch
        {
            "console" when parts.Length >= 2 => new TeamsCommand.Console(parts[1], parts.Length == 3 ? parts[2] : null),
            "console" => new TeamsCommand.Unknown("Which profile? Usage: `console PROFILE [REASON]`. Say `help` to list your profiles."),
            "help" => new TeamsCommand.Help(),
            "status" => new TeamsCommand.Status(),
            "cancel" when parts.Length == 2 => new TeamsCommand.Cancel(parts[1]),
            "cancel" => new TeamsCommand.Unknown("Usage: `cancel REQUEST-ID` (see `status` for your requests)."),
            _ => new TeamsCommand.Unknown($"I don't know '{Shorten(parts[0])}'. {Usage}"),
        };
    }

    private static string Shorten(string word) => word.Length <= 32 ? word : word[..32] + "…";

    [GeneratedRegex("<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionPattern();

    [GeneratedRegex("<[^>]{1,200}>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TagPattern();
}
