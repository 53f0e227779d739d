using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Approvals;

/// <summary>
/// Approvals in DynamoDB. A decision is one conditional UpdateItem (still Pending, and not expired unless the decision is
/// Expired): DynamoDB applies writes to one item one at a time, so two clicks on two replicas give one winner.
/// </summary>
public sealed class DynamoDbApprovalStore(DynamoDbTable table) : IApprovalStore
{
    public Task<bool> TryAddAsync(PendingApproval approval, CancellationToken cancellationToken) =>
        Conditional.SucceedsAsync(() => table.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = table.Name,
                Item = ApprovalItems.Write(approval),
                ConditionExpression = "attribute_not_exists(pk)",
            },
            cancellationToken));

    public async Task SetPromptRefAsync(RequestId id, string promptRef, CancellationToken cancellationToken)
    {
        // Conditional so an unknown id changes nothing (a bare UpdateItem would create a stray item), as in SQLite.
        await Conditional.SucceedsAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = ApprovalItems.Key(id),
                UpdateExpression = "SET prompt_ref = :prompt_ref",
                ConditionExpression = "attribute_exists(pk)",
                ExpressionAttributeValues = new() { [":prompt_ref"] = Attr.S(promptRef) },
            },
            cancellationToken));
    }

    public async Task<PendingApproval?> GetAsync(RequestId id, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(
            new GetItemRequest { TableName = table.Name, Key = ApprovalItems.Key(id), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? ApprovalItems.Read(item) : null;
    }

    public async Task<(bool Won, PendingApproval? Current)> TryDecideAsync(
        RequestId id, ApprovalState state, ChatUser? decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (state == ApprovalState.Pending)
        {
            throw new ArgumentException("A decision moves a request out of Pending.", nameof(state));
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":state"] = Attr.S(state.ToString()),
            [":pending"] = Attr.S(nameof(ApprovalState.Pending)),
            [":at"] = Attr.At(at),
        };
        string set;
        if (decidedBy is { } user)
        {
            values[":decided_by"] = Attr.S(user.Id.Key);
            values[":decided_by_handle"] = Attr.S(user.Handle);
            set = "SET #state = :state, decided_at = :at, decided_by = :decided_by, decided_by_handle = :decided_by_handle";
        }
        else
        {
            set = "SET #state = :state, decided_at = :at REMOVE decided_by, decided_by_handle";
        }

        // The condition is the whole race. Only Expired may be recorded at or after the expiry.
        var condition = state == ApprovalState.Expired ? "#state = :pending" : "#state = :pending AND expires_at > :at";
        return await TryUpdateAsync(id, set, condition, values, cancellationToken);
    }

    public async Task<(bool Won, PendingApproval? Current)> TryAddVoteAsync(
        RequestId id, ValueList<ApprovalVote> votes, bool completes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(votes.Count);
        var voter = votes[^1].By;
        var values = new Dictionary<string, AttributeValue>
        {
            [":votes"] = Attr.S(ApprovalVote.ToJson(votes)),
            [":count"] = Attr.N(votes.Count),
            [":pending"] = Attr.S(nameof(ApprovalState.Pending)),
            [":at"] = Attr.At(at),
        };
        var set = "SET votes = :votes, vote_count = :count";
        if (completes)
        {
            values[":state"] = Attr.S(nameof(ApprovalState.Approved));
            values[":decided_by"] = Attr.S(voter.Id.Key);
            values[":decided_by_handle"] = Attr.S(voter.Handle);
            set += ", #state = :state, decided_at = :at, decided_by = :decided_by, decided_by_handle = :decided_by_handle";
        }

        // Compare-and-set on the vote count (absent on items from before quorums = 0). DynamoDB applies writes to one item
        // one at a time, so of two concurrent voters one wins and the other re-reads and retries.
        string countIs;
        if (votes.Count == 1)
        {
            countIs = "(attribute_not_exists(vote_count) OR vote_count = :expected)";
        }
        else
        {
            countIs = "vote_count = :expected";
        }

        values[":expected"] = Attr.N(votes.Count - 1);
        return await TryUpdateAsync(id, set, "#state = :pending AND expires_at > :at AND " + countIs, values, cancellationToken);
    }

    /// <summary>One conditional update of an existing approval: the winner gets the new item, the loser the current one.</summary>
    private async Task<(bool Won, PendingApproval? Current)> TryUpdateAsync(
        RequestId id, string set, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var updated = await Conditional.OrNullAsync(() => table.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table.Name,
                Key = ApprovalItems.Key(id),
                UpdateExpression = set,
                ConditionExpression = "attribute_exists(pk) AND " + condition,
                ExpressionAttributeNames = new() { ["#state"] = ApprovalItems.State },
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            },
            cancellationToken));

        return updated is not null
            ? (true, ApprovalItems.Read(updated.Attributes))
            : (false, await GetAsync(id, cancellationToken));
    }

    public async Task<IReadOnlyList<PendingApproval>> ListForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0)
        {
            return [];
        }

        var found = new List<PendingApproval>();
        await foreach (var item in Paging.QueryAsync(
            table,
            new QueryRequest
            {
                IndexName = Keys.Gsi1,
                KeyConditionExpression = "gsi1pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(Keys.ApprovalsOf(requester.Key)) },
                ScanIndexForward = false,
                Limit = max,
            },
            cancellationToken))
        {
            found.Add(ApprovalItems.Read(item));
            if (found.Count == max)
            {
                break;
            }
        }

        return found;
    }
}
