using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Policy;

/// <summary>The policy's "no"s, with stable codes for the audit trail.</summary>
public static class PolicyRefusals
{
    public static SigninFailure UnknownProfile(string profile) => new(
        "unknown_profile",
        $"There is no profile called '{profile}'. Ask for `help` to see the profiles you may use.",
        $"Request for unknown profile '{profile}'.");

    public static SigninFailure NotAllowed(string profile) => new(
        "not_allowed",
        $"You are not on the allow-list of profile '{profile}'. Ask an admin to add your chat user to it.",
        $"Requester is not on the allow-list of profile '{profile}'.");

    public static SigninFailure RateLimited(string profile, int limit, TimeSpan window) => new(
        "rate_limited",
        $"You have asked for '{profile}' {limit} times in the last {Describe(window)}. Try again later.",
        $"Rate limit {limit}/{window} reached for profile '{profile}'.");

    public static SigninFailure PlatformOff(string platform) => new(
        "platform_off",
        $"The {platform} side of the bot is not configured.",
        $"No delivery is registered for platform {platform}.");

    private static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 ? $"{window.TotalHours:0.#} h" : $"{window.TotalMinutes:0} min";
}
