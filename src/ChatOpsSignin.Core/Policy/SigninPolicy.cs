using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Policy;

/// <summary>Guard clauses in order: unknown profile → not on the allow-list → rate-limited.</summary>
public sealed class SigninPolicy(ProfileCatalog catalog, IRateLimitStore rateLimits, IOptions<SigninOptions> options, TimeProvider time)
{
    public async Task<Outcome<ProfileCatalog.Entry>> CheckAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.Profile) is not { } profile)
        {
            return PolicyRefusals.UnknownProfile(request.Profile);
        }

        if (await profile.Allow.ContainsAsync(request.Requester.Id, cancellationToken) is { IsMember: false } allowed)
        {
            return allowed.Unavailable is { } why ? DirectoryRefusals.Unavailable(profile.Name, why) : PolicyRefusals.NotAllowed(profile.Name);
        }

        var limit = options.Value.RateLimit;
        if (limit.PerUserPerProfile > 0)
        {
            var key = $"{request.Requester.Id.StableKey}|{profile.Name}";
            if (!await rateLimits.TryAcquireAsync(key, time.GetUtcNow(), limit.Window, limit.PerUserPerProfile, cancellationToken))
            {
                return PolicyRefusals.RateLimited(profile.Name, limit.PerUserPerProfile, limit.Window);
            }
        }

        return profile;
    }
}
