using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Work;

/// <summary>
/// Finds due work by querying each <c>work#{shard}</c> partition of <c>gsi1</c> for <c>gsi1sk &lt;= now</c> (never a Scan),
/// then leases each candidate with an UpdateItem conditional on the token it was read with and on being free and due.
/// GSI reads are eventually consistent, so a candidate may be stale; the condition then fails and it is skipped. Two
/// replicas leasing at once: the second write's condition fails, so they never both get an item.
/// </summary>
internal sealed class DueWork(DynamoDbTable table)
{
    private const string Free = "(attribute_not_exists(lease_until) OR lease_until <= :now)";

    public async Task<IReadOnlyList<LeasedWork>> LeaseAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        var candidates = new List<Dictionary<string, AttributeValue>>();
        for (var shard = 0; shard < WorkItems.Shards; shard++)
        {
            candidates.AddRange(await CandidatesAsync(shard, now, max, cancellationToken));
        }

        var leased = new List<LeasedWork>();
        foreach (var candidate in candidates.OrderBy(c => c.Text(WorkItems.DueAt), StringComparer.Ordinal))
        {
            if (leased.Count == max)
            {
                break;
            }

            if (await TryLeaseAsync(candidate, owner, now, leaseUntil, cancellationToken) is { } lease)
            {
                leased.Add(lease);
            }
        }

        return leased;
    }

    public async Task<int> CountAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        for (var shard = 0; shard < WorkItems.Shards; shard++)
        {
            var request = DueQuery(shard, now);
            request.Select = Select.COUNT;
            do
            {
                var response = await table.Client.QueryAsync(request, cancellationToken);
                count += response.Count ?? 0;
                request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (request.ExclusiveStartKey is not null);
        }

        return count;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> CandidatesAsync(int shard, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var request = DueQuery(shard, now);
        request.Limit = max;
        var found = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in Paging.QueryAsync(table, request, cancellationToken))
        {
            found.Add(item);
            if (found.Count == max)
            {
                break;
            }
        }

        return found;
    }

    private QueryRequest DueQuery(int shard, DateTimeOffset now) => new()
    {
        TableName = table.Name,
        IndexName = Keys.Gsi1,
        KeyConditionExpression = "gsi1pk = :shard AND gsi1sk <= :now",
        FilterExpression = Free,
        ExpressionAttributeValues = new()
        {
            [":shard"] = Attr.S(WorkItems.Shard(shard)),
            [":now"] = Attr.At(now),
        },
    };

    private async Task<LeasedWork?> TryLeaseAsync(
        Dictionary<string, AttributeValue> candidate, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var token = candidate.Number(WorkItems.LeaseToken);
        var updated = await Conditional.OrNullAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = new() { [Keys.Pk] = candidate[Keys.Pk], [Keys.Sk] = candidate[Keys.Sk] },
                UpdateExpression = "SET lease_owner = :owner, lease_until = :until, lease_token = lease_token + :one",

                // The token pins the version that was read; free-and-due is re-checked against the item itself.
                ConditionExpression = $"lease_token = :token AND due_at <= :now AND {Free}",
                ExpressionAttributeValues = new()
                {
                    [":owner"] = Attr.S(owner),
                    [":until"] = Attr.At(leaseUntil),
                    [":one"] = Attr.N(1),
                    [":token"] = Attr.N(token),
                    [":now"] = Attr.At(now),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            },
            cancellationToken));
        return updated is null
            ? null
            : new LeasedWork(WorkItems.Read(updated.Attributes), owner, updated.Attributes.Number(WorkItems.LeaseToken), leaseUntil);
    }
}
