using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>How values are written to and read from columns, in one place so every table agrees.</summary>
internal static class SqliteValues
{
    // Fixed width and always UTC, so comparing the text compares the instants; full tick precision round-trips.
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object Time(DateTimeOffset? at) => at is { } value ? Time(value) : DBNull.Value;

    public static object Text(string? value) => value ?? (object)DBNull.Value;

    public static DateTimeOffset ReadTime(SqliteDataReader reader, string column) =>
        DateTimeOffset.ParseExact(reader.GetString(reader.GetOrdinal(column)), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadNullableTime(SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : ReadTime(reader, column);

    public static string ReadText(SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static string? ReadNullableText(SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    public static TEnum ReadEnum<TEnum>(SqliteDataReader reader, string column)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(ReadText(reader, column));

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
