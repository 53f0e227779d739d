using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Delivery;

/// <summary>The chat messages that carry a link, in PostgreSQL (no URL is stored), keyed by request and message.</summary>
public sealed class PostgresIssuedLinkStore(PostgresDatabase database) : IIssuedLinkStore
{
    private const string Columns = "request_id, platform, requester, profile, message_ref, issued_at, link_expires_at, removed_at";

    public async Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO issued_link_messages ({Columns})
            VALUES (@id, @platform, @requester, @profile, @message_ref, @issued_at, @link_expires_at, @removed_at)
            ON CONFLICT (request_id, message_ref) DO NOTHING;
            """,
            connection);
        await command
            .With("id", record.RequestId.Value)
            .With("platform", record.Platform.ToString())
            .With("requester", record.Requester.Key)
            .With("profile", record.Profile)
            .With("message_ref", record.MessageRef)
            .With("issued_at", PostgresValues.Time(record.IssuedAt))
            .With("link_expires_at", PostgresValues.Time(record.LinkExpiresAt))
            .With("removed_at", PostgresValues.Time(record.RemovedAt))
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IssuedLinkRecord>> ListForRequestAsync(RequestId id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM issued_link_messages WHERE request_id = @id ORDER BY issued_at, message_ref;", connection);
        return await command.With("id", id.Value).ReadAllAsync(Read, cancellationToken);
    }

    public async Task<IReadOnlyList<IssuedLinkRecord>> ListLiveForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM issued_link_messages
            WHERE requester = @requester AND removed_at IS NULL
            ORDER BY issued_at DESC, request_id LIMIT @max;
            """,
            connection);
        return await command.With("requester", requester.Key).With("max", max).ReadAllAsync(Read, cancellationToken);
    }

    public async Task<bool> TryMarkRemovedAsync(RequestId id, string messageRef, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE issued_link_messages SET removed_at = @at
            WHERE request_id = @id AND message_ref = @message_ref AND removed_at IS NULL;
            """,
            connection);
        command.With("id", id.Value).With("message_ref", messageRef).With("at", PostgresValues.Time(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static IssuedLinkRecord Read(NpgsqlDataReader reader) => new(
        new RequestId(reader.ReadText("request_id")),
        reader.ReadEnum<ChatPlatform>("platform"),
        ChatUserId.Parse(reader.ReadText("requester")),
        reader.ReadText("profile"),
        reader.ReadText("message_ref"),
        reader.ReadTime("issued_at"),
        reader.ReadTime("link_expires_at"),
        reader.ReadNullableTime("removed_at"));
}
