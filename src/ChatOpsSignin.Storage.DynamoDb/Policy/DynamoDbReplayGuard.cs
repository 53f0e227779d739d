using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Policy;

/// <summary>
/// Replay-guard entries in DynamoDB: one item per key (<c>pk = replay#{sha256(key)}</c>, <c>sk = replay</c>). The put is
/// conditional on no entry or an expired one, so of two replicas that see one request, one wins and the other is told it
/// is a replay. Entries carry <c>ttl</c>; since TTL deletes lazily, the condition reads <c>expires_at</c>, never presence.
/// </summary>
public sealed class DynamoDbReplayGuard(DynamoDbTable table) : IReplayGuard
{
    private const string Sk = "replay";

    public Task<bool> TryFirstSightingAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = table.Name,
                Item = new()
                {
                    [Keys.Pk] = Attr.S(Keys.ReplayEntry(key)),
                    [Keys.Sk] = Attr.S(Sk),
                    ["expires_at"] = Attr.At(expiresAt),
                    [Keys.Ttl] = Attr.Ttl(expiresAt),
                },
                ConditionExpression = "attribute_not_exists(pk) OR expires_at <= :now",
                ExpressionAttributeValues = new() { [":now"] = Attr.At(now) },
            },
            cancellationToken));

    /// <summary>DynamoDB's TTL deletes expired entries (lazily); nothing to do here, and nothing counted.</summary>
    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
}
