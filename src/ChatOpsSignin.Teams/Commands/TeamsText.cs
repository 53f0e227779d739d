using System.Net;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Chat;

namespace ChatOpsSignin.Teams.Commands;

/// <summary>
/// Teams' wrapping around the shared grammar: in channels and group chats the text starts with the bot's mention
/// (<c>&lt;at&gt;Bot&lt;/at&gt;</c>), stripped first; a request is <c>console &lt;profile&gt; [reason]</c>.
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions.
/// </summary>
internal static partial class TeamsText
{
    public static readonly CommandSyntax Syntax = new(string.Empty);

    public const string Usage = "Commands: `console PROFILE [-s SERVICE] [-r REGION] [REASON]`, `help`, `status`, `cancel REQUEST-ID`, `revoke REQUEST-ID`, `break-glass PROFILE REASON`.";

    public static string StripMentions(string? text)
    {
        var withoutMentions = MentionPattern().Replace(text ?? string.Empty, " ");
        var withoutTags = TagPattern().Replace(withoutMentions, " ");
        return WebUtility.HtmlDecode(withoutTags).Replace('\u00a0', ' ').Trim();
    }

    public static ChatCommand Parse(string? text)
    {
        var clean = StripMentions(text);
        if (clean.Length == 0)
        {
            return new ChatCommand.Invalid("Say what you need. " + Usage);
        }

        var space = clean.IndexOfAny([' ', '\t', '\n', '\r']);
        var verb = (space < 0 ? clean : clean[..space]).TrimStart('/').ToLowerInvariant();
        var rest = space < 0 ? string.Empty : clean[(space + 1)..].Trim();
        return verb switch
        {
            "console" when rest.Length == 0 => new ChatCommand.Invalid("Which profile? Usage: `console PROFILE [REASON]`. Say `help` to list your profiles."),
            "console" => RequestOnly(CommandGrammar.Parse(rest, Syntax)),
            "help" or "status" or "cancel" or "revoke" or CommandGrammar.BreakGlassWord => CommandGrammar.Parse(clean, Syntax),
            _ => new ChatCommand.Invalid($"I don't know '{Shorten(verb)}'. {Usage}"),
        };
    }

    private static ChatCommand RequestOnly(ChatCommand command) => command is ChatCommand.Request or ChatCommand.BreakGlass or ChatCommand.Invalid
        ? command
        : new ChatCommand.Invalid("Usage: `console PROFILE [REASON]`; a profile cannot be called help, status, cancel or revoke.");

    private static string Shorten(string word) => word.Length <= 32 ? word : word[..32] + "…";

    [GeneratedRegex("<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionPattern();

    [GeneratedRegex("<[^>]{1,200}>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TagPattern();
}
