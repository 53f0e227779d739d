namespace ChatOpsSignin.Core.Credentials;

/// <summary>
/// Folds Latin letters with diacritics (U+00C0–U+017F) and full-width ASCII (U+FF01–U+FF5E) to plain ASCII.
/// A fixed table rather than Unicode normalisation: the bot runs with invariant globalization, and a session name
/// must not change when a host's ICU version does.
/// </summary>
internal static class LatinFold
{
    private const char First = '\u00C0';

    // One character per code point from U+00C0; '.' = no ASCII equivalent, '*' = see Multi.
    private const string Single =
        "AAAAAA*CEEEEIIIIDNOOOOO.OUUUUY**aaaaaa*ceeeeiiiidnooooo.ouuuuy*y"
        + "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlL"
        + "lLlNnNnNn.NnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    private static readonly Dictionary<char, string> Multi = new()
    {
        ['Æ'] = "AE",
        ['Þ'] = "Th",
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['þ'] = "th",
        ['Ĳ'] = "IJ",
        ['ĳ'] = "ij",
        ['Œ'] = "OE",
        ['œ'] = "oe",
    };

    /// <summary>The ASCII spelling of <paramref name="c"/>, or null when it has none.</summary>
    public static string? Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return ((char)(c - 0xFEE0)).ToString();
        }

        if (c < First || c >= First + Single.Length)
        {
            return null;
        }

        return Single[c - First] switch
        {
            '.' => null,
            '*' => Multi[c],
            var folded => folded.ToString(),
        };
    }
}
