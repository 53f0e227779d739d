using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>An in-test <see cref="ISigninBroker"/>: records what the Teams edge hands over and answers decisions from a script.</summary>
internal sealed class RecordingBroker : ISigninBroker
{
    /// <summary>What the front door answers a submission (busy, to test the edge's refusal).</summary>
    public SubmitResult Result { get; set; } = SubmitResult.Accepted;

    private readonly List<SigninRequest> submitted = [];
    private readonly List<TaskCompletionSource> waiters = [];

    public List<(RequestId Id, ChatUser Decider, bool Approve)> Decisions { get; } = [];

    public Func<RequestId, ChatUser, bool, DecisionResult> Decide { get; set; } =
        (id, decider, approve) => new DecisionResult(DecisionStatus.UnknownRequest, null, $"There is no request {id}.");

    public IReadOnlyList<ProfileSummary> Profiles { get; set; } = [new("prod-readonly", "Production, read-only", false), new("prod-admin", null, true)];

    public IReadOnlyList<SigninRequest> Submitted
    {
        get
        {
            lock (submitted)
            {
                return [.. submitted];
            }
        }
    }

    public Task<SubmitResult> SubmitAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> wake;
        lock (submitted)
        {
            submitted.Add(request);
            wake = [.. waiters];
            waiters.Clear();
        }

        wake.ForEach(w => w.TrySetResult());
        return Task.FromResult(Result);
    }

    /// <summary>Waits (woken by each submission) until <paramref name="count"/> requests were submitted; at most 30 s.</summary>
    public Task<IReadOnlyList<SigninRequest>> WaitForSubmissionsAsync(int count) =>
        WaitForSubmissionsCoreAsync(count).WaitAsync(TimeSpan.FromSeconds(30));

    private async Task<IReadOnlyList<SigninRequest>> WaitForSubmissionsCoreAsync(int count)
    {
        while (true)
        {
            TaskCompletionSource signal;
            lock (submitted)
            {
                if (submitted.Count >= count)
                {
                    return [.. submitted];
                }

                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add(signal);
            }

            await signal.Task;
        }
    }

    public Task<DecisionResult> DecideAsync(RequestId id, ChatUser decider, bool approve, CancellationToken cancellationToken)
    {
        lock (Decisions)
        {
            Decisions.Add((id, decider, approve));
        }

        return Task.FromResult(Decide(id, decider, approve));
    }

    public List<(RequestId Id, ChatUser Approver)> Acknowledgements { get; } = [];

    public Func<RequestId, ChatUser, DecisionResult> Acknowledge { get; set; } =
        (id, _) => new DecisionResult(DecisionStatus.UnknownRequest, null, $"There is no request {id}.");

    public Task<DecisionResult> AcknowledgeAsync(RequestId id, ChatUser approver, CancellationToken cancellationToken)
    {
        lock (Acknowledgements)
        {
            Acknowledgements.Add((id, approver));
        }

        return Task.FromResult(Acknowledge(id, approver));
    }

    public Task<DecisionResult> CancelAsync(RequestId id, ChatUser requester, CancellationToken cancellationToken) =>
        Task.FromResult(new DecisionResult(DecisionStatus.Taken, null, $"Cancelled {id}."));

    public IReadOnlyList<ProfileSummary> ProfilesFor(ChatUserId user) => Profiles;

    public Task<IReadOnlyList<RequestStatus>> StatusAsync(ChatUserId user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestStatus>>([new RequestStatus(new RequestId("req_1"), "prod-readonly", AuditEventType.LinkDelivered, DateTimeOffset.UnixEpoch, null)]);

    public static PendingApproval Pending(string requestId, ChatUser requester, DateTimeOffset at) => new(
        new SigninRequest(new RequestId(requestId), requester, "prod-admin", "incident 42", "{}", at),
        at.AddMinutes(30),
        ApprovalState.Pending);
}
