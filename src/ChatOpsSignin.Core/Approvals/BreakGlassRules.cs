using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>
/// Break-glass, in guard clauses: only on a profile with a <c>BreakGlass</c> section, only for someone in its
/// <c>BreakGlass:Allow</c>, only with a reason (matching <c>Approval:ReasonPattern</c> if the profile has one), only where
/// the approvers can be told, and at most <c>RateLimit:BreakGlassPerUser</c> times per window. Then the acknowledgement:
/// an approver who is not the requester takes the record to Approved, first one wins.
/// </summary>
public sealed class BreakGlassRules(
    ProfileCatalog catalog,
    ApprovalRules rules,
    IRateLimitStore rateLimits,
    IApprovalStore approvals,
    AuditTrail audit,
    IOptions<SigninOptions> options,
    TimeProvider time)
{
    /// <summary>How long after its session ends a break-glass may still be acknowledged.</summary>
    public static readonly TimeSpan AcknowledgeWindow = TimeSpan.FromDays(1);

    public async Task<Outcome<BreakGlassPlan>> PlanAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.Profile) is not { } profile)
        {
            return PolicyRefusals.UnknownProfile(request.Profile);
        }

        if (profile.BreakGlass is not { } allow || profile.Options.BreakGlass is not { } breakGlass)
        {
            return BreakGlassRefusals.Unavailable(profile.Name);
        }

        if (request.Platform == ChatPlatform.Cli)
        {
            return BreakGlassRefusals.ChatOnly;
        }

        var allowed = await allow.ContainsAsync(request.Requester.Id, cancellationToken);
        if (!allowed.IsMember)
        {
            return allowed.Unavailable is { } why ? DirectoryRefusals.Unavailable(profile.Name, why) : BreakGlassRefusals.NotAllowed(profile.Name);
        }

        if (RefuseReason(profile, request.Reason) is { } badReason)
        {
            return badReason;
        }

        if (profile.Options.Approval?.ChannelFor(request.Platform) is not { } channel)
        {
            return ApprovalRefusals.NoChannel(profile.Name, request.Platform);
        }

        var limit = options.Value.RateLimit;
        var now = time.GetUtcNow();
        if (limit.BreakGlassPerUser > 0
            && !await rateLimits.TryAcquireAsync("break-glass|" + request.Requester.Id.StableKey, now, limit.BreakGlassWindow, limit.BreakGlassPerUser, cancellationToken))
        {
            return BreakGlassRefusals.RateLimited(limit.BreakGlassPerUser, limit.BreakGlassWindow);
        }

        return new BreakGlassPlan(profile, channel, breakGlass.SessionDuration, now + breakGlass.SessionDuration, breakGlass.RepostAfter);
    }

    /// <summary>At issue time, against the configuration in force now: the profile still has break-glass and still lets the requester.</summary>
    public async Task<Outcome<ProfileCatalog.Entry>> RecheckAtIssueAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.Profile) is not { } profile)
        {
            return PolicyRefusals.UnknownProfile(request.Profile);
        }

        if (profile.BreakGlass is not { } allow || profile.Options.BreakGlass is null)
        {
            return BreakGlassRefusals.Unavailable(profile.Name);
        }

        var allowed = await allow.ContainsAsync(request.Requester.Id, cancellationToken);
        return allowed.IsMember
            ? profile
            : allowed.Unavailable is { } why ? DirectoryRefusals.Unavailable(profile.Name, why) : BreakGlassRefusals.NotAllowed(profile.Name);
    }

    /// <summary>The console session length of a break-glass of <paramref name="profile"/> (its <c>BreakGlass:SessionDuration</c>).</summary>
    public static ProfileOptions SessionOf(ProfileCatalog.Entry profile) =>
        profile.Options.BreakGlass is { } breakGlass ? profile.Options.WithSessionDuration(breakGlass.SessionDuration) : profile.Options;

    /// <summary>When an unacknowledged break-glass is announced again; null when the profile no longer has break-glass.</summary>
    public DateTimeOffset? RepostAt(SigninRequest request) =>
        catalog.Find(request.Profile)?.Options.BreakGlass is { } breakGlass ? request.RequestedAt + breakGlass.RepostAfter : null;

    /// <summary>
    /// An approver of the profile (never the requester, under any of their identities) acknowledges: one conditional store
    /// update, so of two at once exactly one is recorded and audited; the other is told who was first.
    /// </summary>
    public async Task<DecisionResult> AcknowledgeAsync(PendingApproval breakGlass, ChatUser approver, CancellationToken cancellationToken)
    {
        if (!breakGlass.IsBreakGlass)
        {
            return new DecisionResult(DecisionStatus.UnknownRequest, null, "There is no break-glass with that id.");
        }

        if (breakGlass.State == ApprovalState.Approved)
        {
            return AlreadyAcknowledged(breakGlass);
        }

        switch (await rules.RefuseDeciderAsync(breakGlass, approver, cancellationToken))
        {
            case { Status: DecisionStatus.SelfApproval } self:
                return self with { Message = "You cannot acknowledge your own break-glass; another approver must." };
            case { Status: DecisionStatus.Expired } late:
                return late with { Message = $"This break-glass can no longer be acknowledged (that ended at {breakGlass.ExpiresAt:u})." };
            case { } refused:
                return refused with { Message = $"{refused.Message} Only an approver can acknowledge its break-glass." };
        }

        var (won, current) = await approvals.TryDecideAsync(breakGlass.Request.Id, ApprovalState.Approved, approver, time.GetUtcNow(), cancellationToken);
        if (!won || current is null)
        {
            return AlreadyAcknowledged(current ?? breakGlass);
        }

        await audit.RecordAsync(breakGlass.Request, AuditEventType.BreakGlassAcknowledged, e => e with { Actor = approver.Id.Key }, cancellationToken);
        return new DecisionResult(DecisionStatus.Taken, current, $"Break-glass acknowledged by {approver.Handle}.");
    }

    private static DecisionResult AlreadyAcknowledged(PendingApproval breakGlass) => new(
        DecisionStatus.AlreadyDecided,
        breakGlass,
        breakGlass.State == ApprovalState.Approved
            ? $"Already acknowledged by {breakGlass.DecidedBy?.Handle ?? "someone"} at {breakGlass.DecidedAt:u}."
            : "This break-glass can no longer be acknowledged.");

    private static SigninFailure? RefuseReason(ProfileCatalog.Entry profile, string? reason)
    {
        var pattern = profile.Options.Approval?.ReasonPattern;
        var rule = ReasonRule.For(new ApprovalOptions { RequireReason = true, ReasonPattern = pattern });
        return rule?.Refuse(profile.Name, reason) switch
        {
            null => null,
            { Code: "reason_required" } => BreakGlassRefusals.ReasonMissing(profile.Name, string.IsNullOrWhiteSpace(pattern) ? null : pattern),
            _ => BreakGlassRefusals.ReasonMismatch(profile.Name, pattern!),
        };
    }
}

/// <summary>Where a break-glass is announced, how long its session is and until when, and when it is announced again.</summary>
public sealed record BreakGlassPlan(ProfileCatalog.Entry Profile, string Channel, TimeSpan SessionDuration, DateTimeOffset SessionEndsAt, TimeSpan RepostAfter);
