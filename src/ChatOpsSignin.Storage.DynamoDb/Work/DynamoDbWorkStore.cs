using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Work;

/// <summary>
/// Work items in DynamoDB. Every write that changes an item is an UpdateItem conditional on its <c>lease_token</c> and
/// bumps it, so a replica whose lease expired (or was woken away) cannot overwrite what another did since.
/// </summary>
public sealed class DynamoDbWorkStore(DynamoDbTable table) : IWorkStore
{
    private readonly DueWork due = new(table);

    public async Task<LeasedWork?> TryAddAsync(WorkItem item, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var added = await Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = table.Name,
                Item = WorkItems.Write(item, owner, leaseUntil),
                ConditionExpression = "attribute_not_exists(pk)",
            },
            cancellationToken));
        return added ? new LeasedWork(item, owner, 1, leaseUntil) : null;
    }

    public Task<IReadOnlyList<LeasedWork>> LeaseDueAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
        due.LeaseAsync(owner, now, leaseUntil, max, cancellationToken);

    public async Task<LeasedWork?> TryAdvanceAsync(LeasedWork lease, WorkItem next, DateTimeOffset? keepLeaseUntil, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue> { [":token"] = Attr.N(lease.Token), [":one"] = Attr.N(1) };
        var sets = new List<string>();
        foreach (var (name, value) in WorkItems.Fields(next))
        {
            // #names for every field: "state" and "step" are DynamoDB reserved words.
            names["#" + name] = name;
            values[":" + name] = value;
            sets.Add($"#{name} = :{name}");
        }

        sets.Add("lease_token = lease_token + :one");
        var update = "SET " + string.Join(", ", sets);
        if (keepLeaseUntil is { } until)
        {
            values[":owner"] = Attr.S(lease.Owner);
            values[":until"] = Attr.At(until);
            update += ", lease_owner = :owner, lease_until = :until";
        }
        else
        {
            update += " REMOVE lease_owner, lease_until";
        }

        var advanced = await Conditional.SucceedsAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = WorkItems.Key(lease.Item.Id),
                UpdateExpression = update,
                ConditionExpression = "lease_token = :token",
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
            cancellationToken));
        return advanced ? new LeasedWork(next, lease.Owner, lease.Token + 1, keepLeaseUntil ?? DateTimeOffset.MinValue) : null;
    }

    public Task<bool> TryRenewAsync(LeasedWork lease, DateTimeOffset until, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = WorkItems.Key(lease.Item.Id),
                UpdateExpression = "SET lease_until = :until",
                ConditionExpression = "lease_token = :token AND lease_owner = :owner",
                ExpressionAttributeValues = new()
                {
                    [":until"] = Attr.At(until),
                    [":token"] = Attr.N(lease.Token),
                    [":owner"] = Attr.S(lease.Owner),
                },
            },
            cancellationToken));

    public Task<bool> TryCompleteAsync(LeasedWork lease, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.DeleteItemAsync(
            new DeleteItemRequest
            {
                TableName = table.Name,
                Key = WorkItems.Key(lease.Item.Id),
                ConditionExpression = "lease_token = :token",
                ExpressionAttributeValues = new() { [":token"] = Attr.N(lease.Token) },
            },
            cancellationToken));

    public Task<bool> WakeAsync(RequestId id, WorkStep step, DateTimeOffset now, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = WorkItems.Key(id),
                UpdateExpression = "SET due_at = :now, gsi1sk = :now, lease_token = lease_token + :one REMOVE lease_owner, lease_until",
                ConditionExpression = "attribute_exists(pk) AND #step = :step",
                ExpressionAttributeNames = new() { ["#step"] = WorkItems.Step },
                ExpressionAttributeValues = new()
                {
                    [":now"] = Attr.At(now),
                    [":one"] = Attr.N(1),
                    [":step"] = Attr.S(step.ToString()),
                },
            },
            cancellationToken));

    public async Task<WorkItem?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(
            new GetItemRequest { TableName = table.Name, Key = WorkItems.Key(id), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? WorkItems.Read(item) : null;
    }

    public Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => due.CountAsync(now, cancellationToken);
}
