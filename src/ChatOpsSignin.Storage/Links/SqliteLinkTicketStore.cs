using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Links;

/// <summary>
/// Click-through tickets in SQLite, one row per id hash. Consuming is one conditional <c>UPDATE … RETURNING</c>
/// (SQLite serialises writers), so of two clicks at once exactly one gets the ticket.
/// </summary>
public sealed class SqliteLinkTicketStore(SqliteConnectionFactory connections) : ILinkTicketStore
{
    private const string Columns = "id_hash, request_id, payload, created_at, expires_at";

    public async Task AddAsync(LinkTicket ticket, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command($"INSERT INTO link_tickets ({Columns}) VALUES ($id_hash, $request_id, $payload, $created_at, $expires_at) ON CONFLICT (id_hash) DO NOTHING;");
        command.With("$id_hash", ticket.IdHash).With("$request_id", ticket.RequestId.Value).With("$payload", ticket.Payload)
            .With("$created_at", SqliteValues.Time(ticket.CreatedAt)).With("$expires_at", SqliteValues.Time(ticket.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        var command = connection.Command("DELETE FROM link_tickets WHERE expires_at < $before;");
        command.With("$before", SqliteValues.Time(now - LinkTicket.KeptAfterExpiry));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LinkTicketClaim> TryConsumeAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.SessionAsync(cancellationToken);
        {
            var consume = connection.Command($"UPDATE link_tickets SET used_at = $now WHERE id_hash = $id_hash AND used_at IS NULL AND expires_at > $now RETURNING {Columns};");
            consume.With("$id_hash", idHash).With("$now", SqliteValues.Time(now));
            await using var reader = await consume.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new LinkTicketClaim(LinkTicketStatus.Consumed, Read(reader));
            }
        }

        var look = connection.Command($"SELECT {Columns}, used_at FROM link_tickets WHERE id_hash = $id_hash;");
        look.With("$id_hash", idHash);
        await using var found = await look.ExecuteReaderAsync(cancellationToken);
        if (!await found.ReadAsync(cancellationToken))
        {
            return LinkTicketClaim.Unknown;
        }

        var status = SqliteValues.ReadNullableTime(found, "used_at") is null ? LinkTicketStatus.Expired : LinkTicketStatus.AlreadyUsed;
        return new LinkTicketClaim(status, Read(found));
    }

    private static LinkTicket Read(SqliteDataReader reader) => new(
        SqliteValues.ReadText(reader, "id_hash"),
        new RequestId(SqliteValues.ReadText(reader, "request_id")),
        SqliteValues.ReadText(reader, "payload"),
        SqliteValues.ReadTime(reader, "created_at"),
        SqliteValues.ReadTime(reader, "expires_at"));
}
