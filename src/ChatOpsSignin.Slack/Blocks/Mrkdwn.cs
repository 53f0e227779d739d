using System.Globalization;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Slack.Blocks;

/// <summary>
/// Slack mrkdwn pieces. User text is escaped (&amp;, &lt;, &gt;) so it cannot form links or mentions.
/// See https://docs.slack.dev/messaging/formatting-message-text.
/// </summary>
public static class Mrkdwn
{
    public static string Escape(string? text) => (text ?? string.Empty)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A Slack user is mentioned by id; anyone else by escaped handle.</summary>
    public static string Person(ChatUser? user) => user switch
    {
        null => "someone",
        { Id.Platform: ChatPlatform.Slack } => Mention(user.Id.User),
        _ => Escape(user.Handle),
    };

    public static string Mention(string userId) => $"<@{Escape(userId)}>";

    /// <summary>Shown in the reader's time zone by Slack, with a UTC fallback.</summary>
    public static string Date(DateTimeOffset at) => string.Create(
        CultureInfo.InvariantCulture,
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    /// <summary>Plain (notification) text has no date tokens.</summary>
    public static string PlainDate(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
}
