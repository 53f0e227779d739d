using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Audit;

/// <summary>
/// The audit trail in DynamoDB: append-only (this class only puts, each put conditional on the key being new, and the
/// bot's IAM policy needs no rights beyond that on audit items). A query reads the one partition that answers it, newest
/// first, and returns the newest <see cref="AuditQuery.Limit"/> matching events, oldest first. Never a Scan.
/// </summary>
public sealed class DynamoDbAuditLog(DynamoDbTable table) : IAuditLog
{
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        // The event first, then the actor's copy: without transactions (dynalite has none) a failure between the two
        // leaves the event out of the actor's user query only, never out of the time or profile queries.
        foreach (var item in AuditItems.Write(auditEvent))
        {
            await table.Client.PutItemAsync(
                new PutItemRequest { TableName = table.Name, Item = item, ConditionExpression = "attribute_not_exists(pk)" },
                cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        if (query.Limit == 0)
        {
            return [];
        }

        var request = Plan(query);
        var events = new List<AuditEvent>();
        await foreach (var item in Paging.QueryAsync(table, request, cancellationToken))
        {
            events.Add(AuditItems.Read(item));
            if (events.Count == query.Limit)
            {
                break;
            }
        }

        events.Reverse();
        return events;
    }

    /// <summary>
    /// Reads the time partition (gsi2) up to <paramref name="before"/>, oldest first, and deletes each event's item and,
    /// where someone else acted, the actor's copy (same sort key in the actor's partition). Never a Scan.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            IndexName = Keys.Gsi2,
            KeyConditionExpression = $"{Keys.Gsi2Pk} = :pk AND {Keys.Gsi2Sk} < :before",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":pk"] = Attr.S(AuditItems.TimePartition),
                [":before"] = Attr.At(before),
            },
            ScanIndexForward = true,
        };
        var deleted = 0;
        await foreach (var item in Paging.QueryAsync(table, request, cancellationToken))
        {
            var sortKey = item[Keys.Sk];
            var keys = new List<Dictionary<string, AttributeValue>> { new() { [Keys.Pk] = item[Keys.Pk], [Keys.Sk] = sortKey } };
            var e = AuditItems.Read(item);
            if (e.Actor is { } actor && e.Requester is not null && actor != e.Requester)
            {
                keys.Add(new() { [Keys.Pk] = Attr.S(AuditItems.UserPartition(actor)), [Keys.Sk] = sortKey });
            }

            foreach (var key in keys)
            {
                await table.Client.DeleteItemAsync(new DeleteItemRequest { TableName = table.Name, Key = key }, cancellationToken);
            }

            deleted++;
        }

        return deleted;
    }

    /// <summary>The user query reads the table's own key, the profile query gsi1, the rest gsi2; other criteria filter.</summary>
    private static QueryRequest Plan(AuditQuery query)
    {
        var values = new Dictionary<string, AttributeValue>();
        var names = new Dictionary<string, string>();
        string? index;
        string hashKey, rangeKey;
        var filters = new List<string>();
        if (query.User is { } user)
        {
            (index, hashKey, rangeKey) = (null, Keys.Pk, Keys.Sk);
            values[":pk"] = Attr.S(AuditItems.UserPartition(user));
            if (query.Profile is { } profile)
            {
                values[":profile"] = Attr.S(profile);
                names["#profile"] = AuditItems.Profile;
                filters.Add("#profile = :profile");
            }
        }
        else if (query.Profile is { } profile)
        {
            (index, hashKey, rangeKey) = (Keys.Gsi1, Keys.Gsi1Pk, Keys.Gsi1Sk);
            values[":pk"] = Attr.S(AuditItems.ProfilePartition(profile));
        }
        else
        {
            (index, hashKey, rangeKey) = (Keys.Gsi2, Keys.Gsi2Pk, Keys.Gsi2Sk);
            values[":pk"] = Attr.S(AuditItems.TimePartition);
        }

        var condition = $"{hashKey} = :pk";
        if (query.Since is { } since)
        {
            // Sort keys are "{at}#{sequence}", so every key at or after `since` sorts at or after the bare time.
            values[":since"] = Attr.At(since);
            condition += $" AND {rangeKey} >= :since";
        }

        return new QueryRequest
        {
            IndexName = index,
            KeyConditionExpression = condition,
            FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
            ExpressionAttributeNames = names.Count == 0 ? null : names,
            ExpressionAttributeValues = values,
            ScanIndexForward = false,
            Limit = Math.Min(query.Limit, 1000),
            ConsistentRead = index is null,
        };
    }
}
