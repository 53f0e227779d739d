using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Links;

/// <summary>
/// Click-through mode (<c>Links:PublicBaseUrl</c>): instead of the AWS URL, chat gets <c>{PublicBaseUrl}go/&lt;id&gt;</c>.
/// The id is 32 random bytes (256 bits, base64url); only its SHA-256 is stored, with what the click needs to issue the
/// link then: the request and its approver. It works once, until the link's 15 minutes are over.
/// </summary>
public sealed class ClickThroughLinks(ILinkTicketStore tickets, IOptions<LinksOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Enabled => options.Value.PublicBaseUrl is not null;

    /// <summary>Records a new ticket for <paramref name="request"/> and returns the link to post in chat.</summary>
    public async Task<ConsoleLink> CreateAsync(SigninRequest request, ChatUser? approver, TimeSpan sessionDuration, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.PublicBaseUrl ?? throw new InvalidOperationException("Links:PublicBaseUrl is not set.");
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expires = now + ConsoleLink.Lifetime;
        var payload = JsonSerializer.Serialize(new TicketPayload(request, approver), Json);
        await tickets.AddAsync(new LinkTicket(Hash(id), request.Id, payload, now, expires), cancellationToken);
        return new ConsoleLink(new Uri(WithSlash(baseUrl), "go/" + id), now, expires, expires + sessionDuration);
    }

    /// <summary>Consumes the ticket behind <paramref name="id"/> (once); malformed ids are simply unknown.</summary>
    public async Task<(LinkTicketClaim Claim, TicketPayload? Payload)> ConsumeAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 43 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (LinkTicketClaim.Unknown, null);
        }

        var claim = await tickets.TryConsumeAsync(Hash(id), time.GetUtcNow(), cancellationToken);
        return (claim, claim.Ticket is { } ticket ? JsonSerializer.Deserialize<TicketPayload>(ticket.Payload, Json) : null);
    }

    internal static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)));

    private static Uri WithSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What a ticket carries: never a credential, token or URL.</summary>
    public sealed record TicketPayload(SigninRequest Request, ChatUser? Approver);
}
