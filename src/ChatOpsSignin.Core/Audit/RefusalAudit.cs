using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Audit;

/// <summary>
/// Writes refusals to the trail, aggregated: the refusals anyone can provoke (not allowed, unknown profile, rate limits)
/// are written once per user, code and profile per <c>RateLimit:Window</c>; repeats are only counted in metrics. The
/// replay guard remembers which were written, with the same expiry and pruning as everything else it holds.
/// </summary>
public sealed class RefusalAudit(AuditTrail audit, IReplayGuard remembered, IOptions<SigninOptions> options, TimeProvider time)
{
    private static readonly HashSet<string> Repeatable =
    [
        "not_allowed", "unknown_profile", "rate_limited", RequesterLimit.Code, "break_glass_not_allowed", "break_glass_unavailable", "break_glass_rate_limited",
    ];

    /// <param name="acrossProfiles">Aggregate repeats whatever profile they name (the per-user limit).</param>
    /// <param name="type"><see cref="AuditEventType.Refused"/>, or <see cref="AuditEventType.BreakGlassRefused"/> for a break-glass.</param>
    /// <returns>True when the refusal was written (false: a repeat inside the window).</returns>
    public async Task<bool> RecordAsync(
        SigninRequest request, string code, CancellationToken cancellationToken, bool acrossProfiles = false, AuditEventType type = AuditEventType.Refused)
    {
        if (Repeatable.Contains(code))
        {
            var now = time.GetUtcNow();
            var profile = acrossProfiles ? "*" : request.Profile.ToLowerInvariant();
            var kind = type == AuditEventType.Refused ? "audited-refusal" : "audited-refusal-" + type;
            var key = $"{kind}|{code}|{request.Requester.Id.Key}|{profile}";
            if (!await remembered.TryFirstSightingAsync(key, now, now + options.Value.RateLimit.Window, cancellationToken))
            {
                return false;
            }
        }

        await audit.RecordAsync(request, type, e => e with { Code = code }, cancellationToken);
        return true;
    }
}
