using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Links;

/// <summary>
/// Click-through tickets in DynamoDB: one item per id hash (<c>pk = ticket#{hash}</c>, <c>sk = ticket</c>), with <c>ttl</c>
/// <see cref="LinkTicket.KeptAfterExpiry"/> after expiry, so DynamoDB deletes them; until it does (TTL deletion lags) a
/// ticket past its <c>ttl</c> reads as unknown, as if pruned. Consuming is an update conditional on the ticket being unused and unexpired, so of two clicks on
/// two replicas exactly one wins; a failed condition is then classified with a consistent read.
/// </summary>
public sealed class DynamoDbLinkTicketStore(DynamoDbTable table) : ILinkTicketStore
{
    private const string Sk = "ticket";

    public Task AddAsync(LinkTicket ticket, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = table.Name,
                Item = new()
                {
                    [Keys.Pk] = Attr.S(Pk(ticket.IdHash)),
                    [Keys.Sk] = Attr.S(Sk),
                    ["id_hash"] = Attr.S(ticket.IdHash),
                    ["request_id"] = Attr.S(ticket.RequestId.Value),
                    ["payload"] = Attr.S(ticket.Payload),
                    ["created_at"] = Attr.At(ticket.CreatedAt),
                    ["expires_at"] = Attr.At(ticket.ExpiresAt),
                    [Keys.Ttl] = Attr.Ttl(ticket.ExpiresAt + LinkTicket.KeptAfterExpiry),
                },
                ConditionExpression = "attribute_not_exists(pk)",
            },
            cancellationToken));

    public async Task<LinkTicketClaim> TryConsumeAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = new Dictionary<string, AttributeValue> { [Keys.Pk] = Attr.S(Pk(idHash)), [Keys.Sk] = Attr.S(Sk) };
        var consumed = await Conditional.OrNullAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = key,
                UpdateExpression = "SET used_at = :now",
                ConditionExpression = "attribute_exists(pk) AND attribute_not_exists(used_at) AND expires_at > :now",
                ExpressionAttributeValues = new() { [":now"] = Attr.At(now) },
                ReturnValues = ReturnValue.ALL_NEW,
            },
            cancellationToken));
        if (consumed is not null)
        {
            return new LinkTicketClaim(LinkTicketStatus.Consumed, Read(consumed.Attributes));
        }

        var found = await table.Client.GetItemAsync(
            new GetItemRequest { TableName = table.Name, Key = key, ConsistentRead = true }, cancellationToken);
        if (found.Item is not { Count: > 0 } item || item.Time("expires_at") + LinkTicket.KeptAfterExpiry < now)
        {
            return LinkTicketClaim.Unknown;
        }

        return new LinkTicketClaim(item.ContainsKey("used_at") ? LinkTicketStatus.AlreadyUsed : LinkTicketStatus.Expired, Read(item));
    }

    /// <summary>TTL deletes these; <see cref="TryConsumeAsync"/> already reads a ticket past its ttl as unknown.</summary>
    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    private static string Pk(string idHash) => "ticket#" + idHash;

    private static LinkTicket Read(Dictionary<string, AttributeValue> item) => new(
        item.Text("id_hash"),
        new RequestId(item.Text("request_id")),
        item.Text("payload"),
        item.Time("created_at"),
        item.Time("expires_at"));
}
