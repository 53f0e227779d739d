using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// What was issued under a request id, from what the stores already keep: the link records (requester, profile, the
/// message, the link's expiry) and the requester's audit events of that request (handle; the role session as
/// <c>CredentialsIssued</c> recorded it, which a click-through link only has once it was opened).
/// </summary>
public sealed class RevocationLookup(IIssuedLinkStore links, IAuditLog audit)
{
    /// <summary>Audit events of a request are looked for from this long before its link was recorded.</summary>
    private static readonly TimeSpan Before = TimeSpan.FromHours(1);

    public async Task<Issued?> FindAsync(RequestId id, CancellationToken cancellationToken)
    {
        var records = await links.ListForRequestAsync(id, cancellationToken);
        if (records.Count == 0)
        {
            return null;
        }

        var first = records.MinBy(r => r.IssuedAt)!;
        var events = (await audit.QueryAsync(new AuditQuery(first.IssuedAt - Before, first.Requester.Key), cancellationToken))
            .Where(e => e.RequestId == id && e.Requester == first.Requester.Key)
            .ToList();
        var handle = events.LastOrDefault(e => e.Type == AuditEventType.LinkDelivered)?.Handle
            ?? events.LastOrDefault(e => e.Handle is not null)?.Handle
            ?? first.Requester.User;
        var issued = events.LastOrDefault(e => e.Type == AuditEventType.CredentialsIssued && e.RoleArn is not null && e.SessionName is not null);
        var session = issued is null
            ? null
            : new IssuedSession(issued.RoleArn!, issued.SessionName!, issued.SourceIdentity, issued.At, issued.Duration ?? TimeSpan.Zero);
        return new Issued(
            id,
            new ChatUser(first.Requester, handle),
            first.Profile,
            first.Platform,
            records.MaxBy(r => r.IssuedAt)!.MessageRef,
            records.Max(r => r.LinkExpiresAt),
            session,
            events.Any(e => e.Type == AuditEventType.SessionRevoked));
    }

    /// <param name="AlreadyRevoked">A revoke of it is already recorded.</param>
    public sealed record Issued(
        RequestId Id,
        ChatUser Requester,
        string Profile,
        ChatPlatform Platform,
        string LinkRef,
        DateTimeOffset LinkExpiresAt,
        IssuedSession? Session,
        bool AlreadyRevoked);
}
