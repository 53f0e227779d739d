using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Delivery;

/// <summary>The chat messages that carry a link, in DynamoDB (no URL is stored), so they are removed even after a restart.</summary>
public sealed class DynamoDbIssuedLinkStore(DynamoDbTable table) : IIssuedLinkStore
{
    public async Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken)
    {
        // Recording the same message again changes nothing: a failed condition is the "already there" outcome.
        await Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
            new PutItemRequest { TableName = table.Name, Item = LinkItems.Write(record), ConditionExpression = "attribute_not_exists(pk)" },
            cancellationToken));
    }

    public async Task<IReadOnlyList<IssuedLinkRecord>> ListForRequestAsync(RequestId id, CancellationToken cancellationToken)
    {
        var records = new List<IssuedLinkRecord>();
        await foreach (var item in Paging.QueryAsync(
            table,
            new QueryRequest
            {
                KeyConditionExpression = "pk = :pk AND begins_with(sk, :link)",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(Keys.Request(id)), [":link"] = Attr.S(LinkItems.SkPrefix) },
                ConsistentRead = true,
            },
            cancellationToken))
        {
            records.Add(LinkItems.Read(item));
        }

        // The sort key is a digest, so put them in the order the SQLite engine gives: issue time, then message ref.
        return [.. records.OrderBy(r => r.IssuedAt).ThenBy(r => r.MessageRef, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<IssuedLinkRecord>> ListLiveForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var records = new List<IssuedLinkRecord>();
        if (max == 0)
        {
            return records;
        }

        await foreach (var item in Paging.QueryAsync(
            table,
            new QueryRequest
            {
                IndexName = Keys.Gsi1,

                // The index is eventually consistent: a link marked removed a moment ago may still be listed (status
                // and revoke tolerate that; the removal itself is the conditional TryMarkRemovedAsync).
                KeyConditionExpression = "gsi1pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(Keys.LiveLinksOf(requester.Key)) },
                ScanIndexForward = false,
                Limit = max,
            },
            cancellationToken))
        {
            records.Add(LinkItems.Read(item));
            if (records.Count == max)
            {
                break;
            }
        }

        return records;
    }

    public Task<bool> TryMarkRemovedAsync(RequestId id, string messageRef, DateTimeOffset at, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = LinkItems.Key(id, messageRef),
                UpdateExpression = "SET removed_at = :at REMOVE gsi1pk, gsi1sk",
                ConditionExpression = "attribute_exists(pk) AND attribute_not_exists(removed_at)",
                ExpressionAttributeValues = new() { [":at"] = Attr.At(at) },
            },
            cancellationToken));
}
