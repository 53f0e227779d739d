using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Delivery;

/// <summary>The chat messages that carry a link, in SQLite (no URL is stored), so they are removed even after a restart.</summary>
public sealed class SqliteIssuedLinkStore(SqliteConnectionFactory connections) : IIssuedLinkStore
{
    private const string Columns = "request_id, platform, requester, profile, message_ref, issued_at, link_expires_at, removed_at";

    public async Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"""
            INSERT INTO issued_link_messages ({Columns})
            VALUES ($id, $platform, $requester, $profile, $message_ref, $issued_at, $link_expires_at, $removed_at)
            ON CONFLICT (request_id, message_ref) DO NOTHING;
            """);
        await command
            .With("$id", record.RequestId.Value)
            .With("$platform", record.Platform.ToString())
            .With("$requester", record.Requester.Key)
            .With("$profile", record.Profile)
            .With("$message_ref", record.MessageRef)
            .With("$issued_at", SqliteValues.Time(record.IssuedAt))
            .With("$link_expires_at", SqliteValues.Time(record.LinkExpiresAt))
            .With("$removed_at", SqliteValues.Time(record.RemovedAt))
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<IssuedLinkRecord>> ListForRequestAsync(RequestId id, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM issued_link_messages WHERE request_id = $id ORDER BY issued_at, message_ref;",
            command => command.With("$id", id.Value),
            cancellationToken);

    public Task<IReadOnlyList<IssuedLinkRecord>> ListLiveForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {Columns} FROM issued_link_messages
            WHERE requester = $requester AND removed_at IS NULL
            ORDER BY issued_at DESC, request_id LIMIT $max;
            """,
            command => command.With("$requester", requester.Key).With("$max", max),
            cancellationToken);

    public async Task<bool> TryMarkRemovedAsync(RequestId id, string messageRef, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("""
            UPDATE issued_link_messages SET removed_at = $at
            WHERE request_id = $id AND message_ref = $message_ref AND removed_at IS NULL;
            """);
        command.With("$id", id.Value).With("$message_ref", messageRef).With("$at", SqliteValues.Time(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<IssuedLinkRecord>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command(sql);
        bind(command);
        var records = new List<IssuedLinkRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static IssuedLinkRecord Read(SqliteDataReader reader) => new(
        new RequestId(SqliteValues.ReadText(reader, "request_id")),
        SqliteValues.ReadEnum<ChatPlatform>(reader, "platform"),
        ChatUserId.Parse(SqliteValues.ReadText(reader, "requester")),
        SqliteValues.ReadText(reader, "profile"),
        SqliteValues.ReadText(reader, "message_ref"),
        SqliteValues.ReadTime(reader, "issued_at"),
        SqliteValues.ReadTime(reader, "link_expires_at"),
        SqliteValues.ReadNullableTime(reader, "removed_at"));
}
