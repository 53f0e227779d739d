using Npgsql;
using NpgsqlTypes;

namespace ChatOpsSignin.Storage.Postgres;

/// <summary>How values are written to and read from columns, in one place so every table agrees.</summary>
internal static class PostgresValues
{
    /// <summary>An instant as its UTC ticks: exact, and integer order is time order (see <see cref="Schema.PostgresSchemaMigrations"/>).</summary>
    public static long Time(DateTimeOffset at) => at.UtcTicks;

    public static object Time(DateTimeOffset? at) => at is { } value ? Time(value) : DBNull.Value;

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string json)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        return command;
    }

    public static DateTimeOffset ReadTime(this NpgsqlDataReader reader, string column) =>
        new(reader.GetInt64(reader.GetOrdinal(column)), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullableTime(this NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.ReadTime(column);

    public static string ReadText(this NpgsqlDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static string? ReadNullableText(this NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    public static TEnum ReadEnum<TEnum>(this NpgsqlDataReader reader, string column)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.ReadText(column));

    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
