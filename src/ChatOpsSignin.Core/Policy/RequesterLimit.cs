using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// What any one person in the workspace or tenant can make the bot do, allowed or not: <c>RateLimit:PerUser</c>
/// requests per window across all profiles, counted before anything is recorded. Refusals are audited once per user
/// and window (<see cref="RefusalAudit"/>), so a flood writes one row, not one per message.
/// </summary>
public sealed class RequesterLimit(IRateLimitStore rateLimits, RefusalAudit refusals, IOptions<SigninOptions> options, TimeProvider time)
{
    public const string Code = "rate_limited_user";

    /// <summary>True when the request may go on; false when this user is over the limit (audited once per window).</summary>
    public async Task<bool> TryAdmitAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.RateLimit;
        if (limit.PerUser <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var user = request.Requester.Id.Key;
        if (await rateLimits.TryAcquireAsync("user|" + user, now, limit.Window, limit.PerUser, cancellationToken))
        {
            return true;
        }

        await refusals.RecordAsync(request, Code, cancellationToken, acrossProfiles: true);
        return false;
    }
}
