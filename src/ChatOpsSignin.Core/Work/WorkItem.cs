using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Work;

/// <summary>The durable record of one request: its next step, when that step is due, and what earlier steps left.</summary>
/// <param name="Attempt">Failed runs of <see cref="Step"/> so far (reset when the step changes).</param>
public sealed record WorkItem(SigninRequest Request, WorkStep Step, DateTimeOffset DueAt, int Attempt, WorkState State)
{
    public RequestId Id => Request.Id;

    public static WorkItem New(SigninRequest request) => new(request, WorkStep.Evaluate, request.RequestedAt, 0, new WorkState());

    /// <summary>The next step, due at <paramref name="dueAt"/>, with its attempt count reset.</summary>
    public WorkItem Then(WorkStep step, DateTimeOffset dueAt) => this with { Step = step, DueAt = dueAt, Attempt = 0 };
}
