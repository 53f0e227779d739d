using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Approvals;

/// <summary>
/// Maps <see cref="PendingApproval"/> to and from its item: <c>pk = req#{id}</c>, <c>sk = approval</c>, and in <c>gsi1</c>
/// under <c>approvals#{requester}</c> sorted by request time (the requester's history, newest first).
/// </summary>
internal static class ApprovalItems
{
    public const string State = "state";
    public const string ExpiresAt = "expires_at";
    public const string DecidedBy = "decided_by";
    public const string DecidedByHandle = "decided_by_handle";
    public const string DecidedAt = "decided_at";
    public const string PromptRef = "prompt_ref";
    public const string Required = "required";
    public const string Votes = "votes";
    public const string VoteCount = "vote_count";
    public const string SessionEndsAt = "session_ends_at";
    private const string Request = "request";

    public static Dictionary<string, AttributeValue> Key(Core.Requests.RequestId id) => new()
    {
        [Keys.Pk] = Attr.S(Keys.Request(id)),
        [Keys.Sk] = Attr.S(Keys.ApprovalSk),
    };

    public static Dictionary<string, AttributeValue> Write(PendingApproval approval)
    {
        var request = approval.Request;
        var item = Key(request.Id);

        // The request as the work item stores it (WorkItemJson), so every field, Via included, round-trips.
        item[Request] = Attr.S(WorkItemJson.Request(request));
        item[ExpiresAt] = Attr.At(approval.ExpiresAt);
        item[State] = Attr.S(approval.State.ToString());
        item.SetIfNotNull(DecidedBy, approval.DecidedBy?.Id.Key);
        item.SetIfNotNull(DecidedByHandle, approval.DecidedBy?.Handle);
        item.SetIfNotNull(DecidedAt, approval.DecidedAt is { } at ? Attr.Time(at) : null);
        item.SetIfNotNull(PromptRef, approval.PromptRef);
        item[Required] = Attr.N(approval.Required);
        item[Votes] = Attr.S(ApprovalVote.ToJson(approval.Votes));
        item[VoteCount] = Attr.N(approval.Votes.Count);
        item.SetIfNotNull(SessionEndsAt, approval.SessionEndsAt is { } ends ? Attr.Time(ends) : null);
        item[Keys.Gsi1Pk] = Attr.S(Keys.ApprovalsOf(request.Requester.Id.Key));
        item[Keys.Gsi1Sk] = Attr.S($"{Attr.Time(request.RequestedAt)}#{request.Id.Value}");
        return item;
    }

    public static PendingApproval Read(Dictionary<string, AttributeValue> item)
    {
        var decidedBy = item.OptionalText(DecidedBy) is { } key
            ? new ChatUser(ChatUserId.Parse(key), item.OptionalText(DecidedByHandle) ?? string.Empty)
            : null;
        return new PendingApproval(
            ReadRequest(item.Text(Request)),
            item.Time(ExpiresAt),
            item.Enum<ApprovalState>(State),
            decidedBy,
            item.OptionalTime(DecidedAt),
            item.OptionalText(PromptRef))
        {
            // Items written before quorums have neither attribute: one approver, no votes.
            Required = item.ContainsKey(Required) ? (int)item.Number(Required) : 1,
            Votes = ApprovalVote.FromJson(item.OptionalText(Votes)),
            SessionEndsAt = item.OptionalTime(SessionEndsAt),
        };
    }

    // WorkItemJson has no request-only reader; reading with an empty state parses the request the same way.
    private static Core.Requests.SigninRequest ReadRequest(string json) =>
        WorkItemJson.Read(json, "{}", WorkStep.Evaluate, default, 0).Request;
}
