using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Policy;

/// <summary>
/// Replay-guard entries in DynamoDB: one item per key (<c>pk = replay#{sha256(key)}</c>, <c>sk = replay</c>). The put is
/// conditional on no entry or an expired one, so of two replicas that see one request, one wins and the other is told it
/// is a replay. Entries carry <c>ttl</c>; since TTL deletes lazily, the condition reads <c>expires_at</c>, never presence.
/// Entries are also in <c>gsi2</c> under <c>replays#{shard}</c> sorted by expiry, so pruning finds expired ones by query.
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
                    [Keys.Gsi2Pk] = Attr.S(Shard(Keys.Digest(key)[0] % Shards)),
                    [Keys.Gsi2Sk] = Attr.At(expiresAt),
                },
                ConditionExpression = "attribute_not_exists(pk) OR expires_at <= :now",
                ExpressionAttributeValues = new() { [":now"] = Attr.At(now) },
            },
            cancellationToken));

    /// <summary>
    /// Deletes entries expired at <paramref name="now"/> (TTL would too, but within days, and the port promises they are
    /// forgotten now). Each delete is conditional on the expiry it was found with, so an entry re-sighted meanwhile stays.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pruned = 0;
        for (var shard = 0; shard < Shards; shard++)
        {
            var expired = new QueryRequest
            {
                IndexName = Keys.Gsi2,
                KeyConditionExpression = "gsi2pk = :shard AND gsi2sk <= :now",
                ExpressionAttributeValues = new() { [":shard"] = Attr.S(Shard(shard)), [":now"] = Attr.At(now) },
            };
            await foreach (var item in Paging.QueryAsync(table, expired, cancellationToken))
            {
                var deleted = await Conditional.SucceedsAsync(() => table.Client.DeleteItemAsync(
                    new DeleteItemRequest
                    {
                        TableName = table.Name,
                        Key = new() { [Keys.Pk] = item[Keys.Pk], [Keys.Sk] = item[Keys.Sk] },
                        ConditionExpression = "expires_at <= :now",
                        ExpressionAttributeValues = new() { [":now"] = Attr.At(now) },
                    },
                    cancellationToken));
                pruned += deleted ? 1 : 0;
            }
        }

        return pruned;
    }

    /// <summary>Replay entries are written on every signed inbound request: spread over a few index partitions.</summary>
    private const int Shards = 4;

    private static string Shard(int shard) => "replays#" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
