using System.Collections.Concurrent;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The core's front door as the Slack edge sees it: records every call, answers decisions as scripted.</summary>
internal sealed class RecordingBroker : ISigninBroker
{
    /// <summary>What the front door answers a submission (busy, to test the edge's refusal).</summary>
    public SubmitResult Result { get; set; } = SubmitResult.Accepted;

    private readonly TaskCompletionSource<SigninRequest> firstSubmit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstDecision = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<SigninRequest> Submitted { get; } = new();

    public ConcurrentQueue<(RequestId Id, ChatUser Decider, bool Approve)> Decisions { get; } = new();

    public ConcurrentQueue<(RequestId Id, ChatUser Requester)> Cancels { get; } = new();

    public Func<RequestId, ChatUser, bool, DecisionResult> Decide { get; set; } =
        (_, _, _) => new DecisionResult(DecisionStatus.Taken, null, "Approved.");

    public List<ProfileSummary> Profiles { get; } = [new("prod-readonly", "Read-only production", true), new("dev-admin", null, false)];

    public Task<SigninRequest> FirstSubmit => firstSubmit.Task;

    public Task FirstDecision => firstDecision.Task;

    public Task<SubmitResult> SubmitAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        Submitted.Enqueue(request);
        firstSubmit.TrySetResult(request);
        return Task.FromResult(Result);
    }

    public Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken)
    {
        Decisions.Enqueue((id, decider, approve));
        firstDecision.TrySetResult();
        return Task.FromResult(Decide(id, decider, approve));
    }

    public Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken)
    {
        Cancels.Enqueue((id, requester));
        return Task.FromResult(new DecisionResult(DecisionStatus.Taken, null, "Cancelled."));
    }

    public IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user) => Profiles;

    public Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestStatus>>([]);
}
