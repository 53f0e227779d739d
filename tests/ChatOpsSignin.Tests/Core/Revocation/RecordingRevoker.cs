using System.Collections.Concurrent;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;

namespace ChatOpsSignin.Tests.Core.Revocation;

/// <summary>The IAM port for core tests: records each Deny and removal, or answers a scripted outcome.</summary>
internal sealed class RecordingRevoker : IRoleSessionRevoker
{
    public ConcurrentQueue<RoleSessionDeny> Denies { get; } = new();

    public ConcurrentQueue<(string RoleArn, RequestId Id)> Removals { get; } = new();

    public Queue<RevokeAttempt> NextDeny { get; } = new();

    public Task<RevokeAttempt> DenyAsync(RoleSessionDeny deny, CancellationToken cancellationToken)
    {
        var outcome = NextDeny.TryDequeue(out var next) ? next : RevokeAttempt.Done;
        if (outcome.Status == RevokeAttemptStatus.Done)
        {
            Denies.Enqueue(deny);
        }

        return Task.FromResult(outcome);
    }

    public Task<RevokeAttempt> RemoveAsync(string roleArn, RequestId id, CancellationToken cancellationToken)
    {
        Removals.Enqueue((roleArn, id));
        return Task.FromResult(RevokeAttempt.Done);
    }
}
