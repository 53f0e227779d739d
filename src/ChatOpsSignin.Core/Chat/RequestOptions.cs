using System.Text.RegularExpressions;

namespace ChatOpsSignin.Core.Chat;

/// <summary>
/// The part of a request after the profile: <c>[-s|--service S] [-r|--region R] [reason…]</c>. Options come first, in any
/// order, each at most once (<c>--service=S</c> works too); the first word that is not an option (or what follows <c>--</c>) starts the reason.
/// Only the shape of a value is checked here; whether the service and region exist is the deep-link rules' job.
/// </summary>
internal static partial class RequestOptions
{
    public const string Usage = "<profile> [-s|--service SERVICE] [-r|--region REGION] [reason…]";

    public static ChatCommand Parse(string profile, string rest, CommandSyntax syntax)
    {
        string? service = null;
        string? region = null;
        while (rest.StartsWith('-'))
        {
            var (word, after) = Split(rest);
            if (word == "--")
            {
                rest = after;
                break;
            }

            var (name, inline) = word.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (word[..eq], word[(eq + 1)..]) : (word, null);
            var isService = name is "-s" or "--service";
            if (!isService && name is not ("-r" or "--region"))
            {
                return new ChatCommand.Invalid($"I do not know the option `{Shorten(name)}`. Usage: `{syntax.Prefix}{Usage}`.");
            }

            var label = isService ? "service" : "region";
            if ((isService ? service : region) is not null)
            {
                return new ChatCommand.Invalid($"Name the {label} once. Usage: `{syntax.Prefix}{Usage}`.");
            }

            var value = inline;
            if (value is null)
            {
                (value, after) = Split(after);
            }

            if (!ValuePattern().IsMatch(value))
            {
                return new ChatCommand.Invalid($"`{name}` needs a {label} name such as `{(isService ? "ec2" : "eu-west-1")}`. Usage: `{syntax.Prefix}{Usage}`.");
            }

            (service, region) = isService ? (value.ToLowerInvariant(), region) : (service, value.ToLowerInvariant());
            rest = after;
        }

        if (rest.Length > ChatLimits.MaxReasonLength)
        {
            return new ChatCommand.Invalid($"The reason is too long: keep it under {ChatLimits.MaxReasonLength} characters.");
        }

        return new ChatCommand.Request(profile, rest.Length == 0 ? null : rest) { Service = service, Region = region };
    }

    private static (string Word, string After) Split(string text)
    {
        var space = text.IndexOfAny([' ', '\t', '\n', '\r']);
        return space < 0 ? (text, string.Empty) : (text[..space], text[(space + 1)..].Trim());
    }

    private static string Shorten(string word) => word.Length <= 20 ? word.Replace("`", string.Empty, StringComparison.Ordinal) : word[..20].Replace("`", string.Empty, StringComparison.Ordinal) + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}
