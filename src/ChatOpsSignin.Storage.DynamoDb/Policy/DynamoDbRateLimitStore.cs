using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Policy;

/// <summary>
/// Sliding-window hit counters in DynamoDB: one item per key (<c>pk = rate#{sha256(key)}</c>, <c>sk = hits</c>) holding
/// the hit times inside the window and a version. Acquiring reads the item (strongly), drops hits outside
/// (now - window, now], and writes the new list conditional on the version it read, retrying when another replica wrote
/// first; so two replicas cannot both take the last slot. The item's <c>ttl</c> is when its newest hit leaves the window.
/// The list is bounded by the limit (a hit is ~20 bytes; a DynamoDB item holds 400 KB, so limits up to ~15,000).
/// </summary>
public sealed class DynamoDbRateLimitStore(DynamoDbTable table) : IRateLimitStore
{
    private const string Sk = "hits";
    private const string Hits = "hits";
    private const string Version = "version";
    private const int MaxAttempts = 20;

    public async Task<bool> TryAcquireAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        if (limit <= 0)
        {
            return false;
        }

        var itemKey = new Dictionary<string, AttributeValue> { [Keys.Pk] = Attr.S(Keys.RateLimit(key)), [Keys.Sk] = Attr.S(Sk) };
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await table.Client.GetItemAsync(
                new GetItemRequest { TableName = table.Name, Key = itemKey, ConsistentRead = true }, cancellationToken);
            var item = current.Item is { Count: > 0 } found ? found : null;
            var cutoff = (now - window).UtcTicks;
            var hits = (item?[Hits].L ?? []).Select(h => long.Parse(h.N, CultureInfo.InvariantCulture)).Where(t => t > cutoff).ToList();
            if (hits.Count >= limit)
            {
                return false;
            }

            hits.Add(now.UtcTicks);
            var version = item is null ? 0 : item.Number(Version);
            var written = await Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table.Name,
                    Item = new(itemKey)
                    {
                        [Hits] = new AttributeValue { L = [.. hits.Select(Attr.N)] },
                        [Version] = Attr.N(version + 1),
                        [Keys.Ttl] = Attr.Ttl(new DateTimeOffset(hits.Max(), TimeSpan.Zero) + window),
                    },
                    ConditionExpression = item is null ? "attribute_not_exists(pk)" : "#version = :version",
                    ExpressionAttributeNames = item is null ? null : new() { ["#version"] = Version },
                    ExpressionAttributeValues = item is null ? null : new() { [":version"] = Attr.N(version) },
                },
                cancellationToken));
            if (written)
            {
                return true;
            }
        }

        throw new TimeoutException($"The rate-limit item was changed by other writers {MaxAttempts} times in a row; giving up.");
    }

    /// <summary>
    /// Old hits are dropped on the next acquire, and DynamoDB's TTL deletes idle items (lazily), so nothing to do here.
    /// </summary>
    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
}
