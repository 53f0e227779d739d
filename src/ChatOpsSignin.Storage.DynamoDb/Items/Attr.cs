using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace ChatOpsSignin.Storage.DynamoDb.Items;

/// <summary>How values are written to and read from attributes, in one place so every item agrees.</summary>
internal static class Attr
{
    // Fixed width and always UTC, so comparing the strings (in key conditions and condition expressions) compares the
    // instants; full tick precision round-trips. The same form as the SQLite engine's columns.
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue At(DateTimeOffset at) => S(Time(at));

    /// <summary>
    /// The <c>ttl</c> attribute: epoch seconds, rounded up so DynamoDB never deletes an item before it expires. Deletion is
    /// lazy (typically within days), so every read still checks the item's own expiry.
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-how-to.html
    /// </summary>
    public static AttributeValue Ttl(DateTimeOffset expiresAt)
    {
        var seconds = expiresAt.ToUnixTimeSeconds();
        return N(expiresAt > DateTimeOffset.FromUnixTimeSeconds(seconds) ? seconds + 1 : seconds);
    }

    public static void SetIfNotNull(this Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static string Text(this Dictionary<string, AttributeValue> item, string name) =>
        item.OptionalText(name) ?? throw new FormatException($"A stored item lacks the string attribute '{name}'.");

    public static string? OptionalText(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long Number(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new FormatException($"A stored item lacks the number attribute '{name}'.");

    public static DateTimeOffset Time(this Dictionary<string, AttributeValue> item, string name) => ParseTime(item.Text(name));

    public static DateTimeOffset? OptionalTime(this Dictionary<string, AttributeValue> item, string name) =>
        item.OptionalText(name) is { } text ? ParseTime(text) : null;

    public static TEnum Enum<TEnum>(this Dictionary<string, AttributeValue> item, string name)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(item.Text(name));

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(
        text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
