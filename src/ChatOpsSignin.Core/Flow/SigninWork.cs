using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Flow;

/// <summary>What the chat edges leave on the queue for the worker.</summary>
public abstract record SigninWork
{
    private SigninWork()
    {
    }

    public sealed record NewRequest(SigninRequest Request) : SigninWork;

    /// <summary>A decision (or expiry/cancel) was stored; tell people and, if approved, issue the link.</summary>
    public sealed record DecisionTaken(PendingApproval Approval) : SigninWork;
}
