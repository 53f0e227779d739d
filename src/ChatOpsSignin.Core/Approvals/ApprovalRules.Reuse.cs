using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Approvals;

public sealed partial class ApprovalRules
{
    private const int ReuseLookback = 20;

    /// <summary>When <paramref name="approval"/>'s reuse window ends (<c>Approval:ReuseFor</c> after the decision); null when reuse is off.</summary>
    public DateTimeOffset? ReuseUntil(PendingApproval approval) =>
        approval.State == ApprovalState.Approved && !approval.IsBreakGlass && approval.DecidedAt is { } at
        && catalog.Find(approval.Request.Profile)?.Options.Approval?.ReuseFor is { } reuse
            ? at + reuse
            : null;

    /// <summary>The window is open now and no approver has ended it (a <see cref="AuditEventType.ReuseEnded"/> event).</summary>
    public async Task<bool> IsReusableAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        if (ReuseUntil(approval) is not { } until || time.GetUtcNow() >= until)
        {
            return false;
        }

        var events = await auditLog.QueryAsync(
            new AuditQuery(approval.DecidedAt, approval.Request.Requester.Id.Key, approval.Request.Profile), cancellationToken);
        return !events.Any(e => e.Type == AuditEventType.ReuseEnded && e.RequestId == approval.Request.Id);
    }

    /// <summary>
    /// The requester's own approval of this profile whose reuse window is still open, or null. Only an approval of the same
    /// requester and profile counts, and only while its approvers still hold their places (re-checked at issue time).
    /// </summary>
    public async Task<PendingApproval?> ReusableApprovalAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.Profile) is not { Options.Approval.ReuseFor: not null } profile)
        {
            return null;
        }

        foreach (var earlier in await approvalStore.ListForRequesterAsync(request.Requester.Id, ReuseLookback, cancellationToken))
        {
            if (earlier.Request.Id != request.Id
                && string.Equals(earlier.Request.Profile, profile.Name, StringComparison.OrdinalIgnoreCase)
                && await IsReusableAsync(earlier, cancellationToken))
            {
                return earlier;
            }
        }

        return null;
    }
}
