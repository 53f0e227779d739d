using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Links;

/// <summary>
/// Port: click-through link tickets (<c>/go/&lt;id&gt;</c>). Stored by the SHA-256 of the id (the id itself, a bearer
/// secret, is never stored); each ticket can be consumed once, before it expires. Two replicas consuming at once: one wins.
/// </summary>
public interface ILinkTicketStore
{
    /// <summary>Records a new ticket; a second add of the same hash keeps the first.</summary>
    Task AddAsync(LinkTicket ticket, CancellationToken cancellationToken);

    /// <summary>Marks the ticket used at <paramref name="now"/> if it is unused and unexpired, and says what it found.</summary>
    Task<LinkTicketClaim> TryConsumeAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes tickets, used or not, that expired more than <see cref="LinkTicket.KeptAfterExpiry"/> before
    /// <paramref name="now"/>, so the store stays bounded; returns how many. Until then an old click still gets the
    /// "expired" page rather than "unknown". An engine with native expiry may leave the deleting to it, as long as such a
    /// ticket then reads as unknown.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="Payload">What the core needs at click time (opaque JSON to the stores; never a credential or URL).</param>
public sealed record LinkTicket(string IdHash, RequestId RequestId, string Payload, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>How long a ticket is kept after it expired, to tell its clicker "expired" rather than "unknown".</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);
}

public enum LinkTicketStatus
{
    Consumed,
    AlreadyUsed,
    Expired,
    Unknown,
}

/// <summary>The outcome of a consume; <see cref="Ticket"/> is set for every status but <see cref="LinkTicketStatus.Unknown"/>.</summary>
public sealed record LinkTicketClaim(LinkTicketStatus Status, LinkTicket? Ticket)
{
    public static readonly LinkTicketClaim Unknown = new(LinkTicketStatus.Unknown, null);
}
