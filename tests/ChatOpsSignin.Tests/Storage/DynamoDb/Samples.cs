using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

/// <summary>Requests, approvals and work items for the DynamoDB tests, at fixed times.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static readonly ChatUser Alice = new(ChatUserId.Slack("T1", "UALICE"), "alice");

    public static readonly ChatUser Bob = new(ChatUserId.Slack("T1", "UBOB"), "bob");

    public static readonly ChatUser Carol = new(ChatUserId.Teams("tenant-1", "carol-oid"), "carol@example.com");

    public static SigninRequest Request(ChatUser? requester = null, DateTimeOffset? at = null, string profile = "prod-readonly") =>
        new(RequestId.New(), requester ?? Alice, profile, "INC-1 look at logs", "C1|https://hooks.example/1", at ?? T0);

    public static PendingApproval Pending(SigninRequest? request = null, TimeSpan? expiresIn = null)
    {
        request ??= Request();
        return new PendingApproval(request, request.RequestedAt + (expiresIn ?? TimeSpan.FromMinutes(30)), ApprovalState.Pending);
    }

    public static WorkItem Work(DateTimeOffset? dueAt = null) =>
        WorkItem.New(Request()) with { DueAt = dueAt ?? T0 };
}
