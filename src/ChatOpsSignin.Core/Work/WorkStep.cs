namespace ChatOpsSignin.Core.Work;

/// <summary>Where a request stands in the one flow <see cref="RequestDriver"/> runs. Each value names the next thing to do.</summary>
public enum WorkStep
{
    /// <summary>Resolve the handle, check policy; then ask approvers or issue.</summary>
    Evaluate,

    /// <summary>Post the Approve / Deny prompt (once) and tell the requester they wait.</summary>
    PromptApprovers,

    /// <summary>Sleeps until the decision, the expiry or the next recheck; reads only, so running it twice is harmless.</summary>
    AwaitDecision,

    /// <summary>Show the decision on the prompt and tell the requester; approved goes on to <see cref="Issue"/>.</summary>
    Decided,

    /// <summary>Re-check policy, get credentials and the link, show it in the requester's private slot.</summary>
    Issue,

    /// <summary>Sleeps until the link expires, then removes it from chat (retried with backoff, given up after a bound).</summary>
    RemoveLink,

    /// <summary>Break-glass: post the announcement and its review thread in the approval channel (once), then <see cref="Issue"/>.</summary>
    AnnounceBreakGlass,

    /// <summary>Break-glass: sleeps until <c>BreakGlass:RepostAfter</c>, then announces it again if nobody acknowledged it (once).</summary>
    RepostBreakGlass,

    /// <summary>A revoke work item: attach the Deny to the role (IAM), audit, tell the requester; then RevokeCleanup.</summary>
    Revoke,

    /// <summary>Sleeps until the revoked session's longest end, then takes its Deny off the role; the item (the mark) goes with it.</summary>
    RevokeCleanup,
}
