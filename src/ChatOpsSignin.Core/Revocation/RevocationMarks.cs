using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>
/// A revoked request is marked by its revoke work item (id <c>rvk_…</c>), which stays in the store until the session's
/// longest end, which is never before the link's expiry. So a click-through link opened after a revoke finds the mark,
/// on any replica and after a restart, with no store of its own.
/// </summary>
public sealed class RevocationMarks(IWorkStore work)
{
    private const string Prefix = "rvk_";

    public static RequestId IdFor(RequestId request) =>
        new(Prefix + (request.Value.StartsWith("req_", StringComparison.Ordinal) ? request.Value[4..] : request.Value));

    public static bool IsRevocation(RequestId id) => id.Value.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<bool> IsRevokedAsync(RequestId request, CancellationToken cancellationToken) =>
        await work.GetAsync(IdFor(request), cancellationToken) is not null;
}
