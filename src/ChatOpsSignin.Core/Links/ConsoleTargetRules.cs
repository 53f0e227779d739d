using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Links;

/// <summary>
/// Whether a requester may open the console where they asked: a known service and a region of the partition, and within
/// the profile's own <c>Services</c> / <c>Regions</c> when it lists them. A "no" names the valid choices.
/// </summary>
public sealed class ConsoleTargetRules(IConsoleCatalog catalog)
{
    public SigninFailure? Refuse(string profileName, ProfileOptions profile, ConsoleTarget target)
    {
        if (target.Service is { } service)
        {
            var canonical = catalog.CanonicalService(service);
            var allowed = profile.Services.Count == 0
                ? canonical is not null
                : canonical is not null && profile.Services.Any(s => catalog.CanonicalService(s) == canonical);
            if (!allowed)
            {
                var valid = profile.Services.Count == 0 ? catalog.Services : profile.Services;
                return Refused("unknown_service", profileName, "service", service, valid);
            }
        }

        if (target.Region is { } region)
        {
            var known = catalog.Regions.Contains(region, StringComparer.OrdinalIgnoreCase);
            var allowed = known && (profile.Regions.Count == 0 || profile.Regions.Contains(region, StringComparer.OrdinalIgnoreCase));
            if (!allowed)
            {
                var valid = profile.Regions.Count == 0 ? catalog.Regions : profile.Regions;
                return Refused("unknown_region", profileName, "region", region, valid);
            }
        }

        return null;
    }

    private static SigninFailure Refused(string code, string profile, string what, string asked, IReadOnlyList<string> valid) => new(
        code,
        $"Profile '{profile}' cannot open the {what} '{asked}'. Valid: {string.Join(", ", valid)}.",
        $"Request for {what} '{asked}' refused on profile '{profile}'.");
}
