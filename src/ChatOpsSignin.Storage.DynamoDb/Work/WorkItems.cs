using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Work;

/// <summary>
/// Maps <see cref="WorkItem"/> to and from its item: <c>pk = req#{id}</c>, <c>sk = work</c>, and in <c>gsi1</c> under
/// <c>work#{shard}</c> sorted by due time, which is how replicas find due work without a Scan.
/// </summary>
internal static class WorkItems
{
    public const string Step = "step";
    public const string DueAt = "due_at";
    public const string Attempt = "attempt";
    public const string Request = "request";
    public const string State = "state";
    public const string LeaseOwner = "lease_owner";
    public const string LeaseUntil = "lease_until";
    public const string LeaseToken = "lease_token";

    /// <summary>
    /// Due work is spread over this many gsi1 partitions so no single partition takes every replica's polling. Never
    /// change it on a table in use: items in a shard above the new count would no longer be found.
    /// </summary>
    public const int Shards = 4;

    public static Dictionary<string, AttributeValue> Key(RequestId id) => new()
    {
        [Keys.Pk] = Attr.S(Keys.Request(id)),
        [Keys.Sk] = Attr.S(Keys.WorkSk),
    };

    public static string Shard(int shard) => "work#" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stable shard for an id (FNV-1a, not string.GetHashCode, which differs per process).</summary>
    public static string ShardOf(RequestId id)
    {
        var hash = 2166136261u;
        foreach (var c in id.Value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Shard((int)(hash % Shards));
    }

    public static Dictionary<string, AttributeValue> Write(WorkItem item, string owner, DateTimeOffset leaseUntil)
    {
        var attributes = Key(item.Id);
        foreach (var (name, value) in Fields(item))
        {
            attributes[name] = value;
        }

        attributes[LeaseOwner] = Attr.S(owner);
        attributes[LeaseUntil] = Attr.At(leaseUntil);
        attributes[LeaseToken] = Attr.N(1);
        return attributes;
    }

    /// <summary>Everything the item carries except its key and lease, for PutItem and for an UpdateItem's SET.</summary>
    public static IEnumerable<(string Name, AttributeValue Value)> Fields(WorkItem item)
    {
        yield return (Step, Attr.S(item.Step.ToString()));
        yield return (DueAt, Attr.At(item.DueAt));
        yield return (Attempt, Attr.N(item.Attempt));
        yield return (Request, Attr.S(WorkItemJson.Request(item.Request)));
        yield return (State, Attr.S(WorkItemJson.State(item.State)));
        yield return (Keys.Gsi1Pk, Attr.S(ShardOf(item.Id)));
        yield return (Keys.Gsi1Sk, Attr.At(item.DueAt));
    }

    public static WorkItem Read(Dictionary<string, AttributeValue> item) => WorkItemJson.Read(
        item.Text(Request),
        item.Text(State),
        item.Enum<WorkStep>(Step),
        item.Time(DueAt),
        (int)item.Number(Attempt));
}
