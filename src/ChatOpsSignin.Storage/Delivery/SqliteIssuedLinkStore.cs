using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Delivery;

/// <summary>Issued-link records in SQLite (no URL is stored), so a restarted bot still removes expired links from chat.</summary>
public sealed class SqliteIssuedLinkStore(SqliteConnectionFactory connections) : IIssuedLinkStore
{
    private const string Columns = "request_id, platform, requester, profile, message_ref, issued_at, link_expires_at, removed_at";

    public async Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO issued_links ({Columns})
            VALUES ($id, $platform, $requester, $profile, $message_ref, $issued_at, $link_expires_at, $removed_at);
            """;
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

    public async Task<IReadOnlyList<IssuedLinkRecord>> ListDueForRemovalAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM issued_links
            WHERE removed_at IS NULL AND link_expires_at <= $now
            ORDER BY link_expires_at, request_id;
            """;
        command.With("$now", SqliteValues.Time(now));
        var records = new List<IssuedLinkRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<bool> TryMarkRemovedAsync(RequestId id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE issued_links SET removed_at = $at WHERE request_id = $id AND removed_at IS NULL;";
        return await command.With("$id", id.Value).With("$at", SqliteValues.Time(at)).ExecuteNonQueryAsync(cancellationToken) == 1;
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
