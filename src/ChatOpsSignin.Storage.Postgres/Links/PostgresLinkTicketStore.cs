using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Links;

/// <summary>
/// Click-through tickets in PostgreSQL, one row per id hash. Consuming is one conditional <c>UPDATE … RETURNING</c>
/// (row lock), so of two clicks on two replicas exactly one gets the ticket.
/// </summary>
public sealed class PostgresLinkTicketStore(PostgresDatabase database) : ILinkTicketStore
{
    private const string Columns = "id_hash, request_id, payload, created_at, expires_at";

    public async Task AddAsync(LinkTicket ticket, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO link_tickets ({Columns}) VALUES (@id_hash, @request_id, @payload, @created_at, @expires_at) ON CONFLICT (id_hash) DO NOTHING;",
            connection);
        command.With("id_hash", ticket.IdHash).With("request_id", ticket.RequestId.Value).With("payload", ticket.Payload)
            .With("created_at", PostgresValues.Time(ticket.CreatedAt)).With("expires_at", PostgresValues.Time(ticket.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM link_tickets WHERE expires_at < @before;", connection);
        command.With("before", PostgresValues.Time(now - LinkTicket.KeptAfterExpiry));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LinkTicketClaim> TryConsumeAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var consume = new NpgsqlCommand(
            $"UPDATE link_tickets SET used_at = @now WHERE id_hash = @id_hash AND used_at IS NULL AND expires_at > @now RETURNING {Columns}, used_at;",
            connection);
        consume.With("id_hash", idHash).With("now", PostgresValues.Time(now));
        if ((await consume.ReadAllAsync(Read, cancellationToken)) is [var consumed])
        {
            return new LinkTicketClaim(LinkTicketStatus.Consumed, consumed.Ticket);
        }

        await using var look = new NpgsqlCommand($"SELECT {Columns}, used_at FROM link_tickets WHERE id_hash = @id_hash;", connection);
        look.With("id_hash", idHash);
        return (await look.ReadAllAsync(Read, cancellationToken)) is [var found]
            ? new LinkTicketClaim(found.UsedAt is null ? LinkTicketStatus.Expired : LinkTicketStatus.AlreadyUsed, found.Ticket)
            : LinkTicketClaim.Unknown;
    }

    private static (LinkTicket Ticket, DateTimeOffset? UsedAt) Read(NpgsqlDataReader reader) => (
        new LinkTicket(
            reader.ReadText("id_hash"),
            new RequestId(reader.ReadText("request_id")),
            reader.ReadText("payload"),
            reader.ReadTime("created_at"),
            reader.ReadTime("expires_at")),
        reader.ReadNullableTime("used_at"));
}
