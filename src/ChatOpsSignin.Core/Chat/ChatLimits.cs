using System.Text.RegularExpressions;

namespace ChatOpsSignin.Core.Chat;

/// <summary>What any chat user may send, on every platform: it bounds what a stranger can make the bot store and echo.</summary>
public static partial class ChatLimits
{
    public const int MaxReasonLength = 500;

    public const int MaxProfileNameLength = 64;

    /// <summary>Whole command text; longer is refused before anything else is read.</summary>
    public const int MaxCommandLength = 1024;

    public static bool IsProfileName(string word) => ProfilePattern().IsMatch(word);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ProfilePattern();
}
