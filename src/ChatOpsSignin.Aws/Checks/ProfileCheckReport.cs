using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>What <see cref="ProfileCheck"/> found: the broker's identity and one line per profile.</summary>
/// <param name="ConfigurationErrors">Errors not tied to one profile (the <c>Aws</c> section, groups, rate limit).</param>
/// <param name="Offline">AWS was not called: only the configuration was checked.</param>
public sealed record ProfileCheckReport(BrokerCheck Broker, IReadOnlyList<string> ConfigurationErrors, IReadOnlyList<ProfileCheckResult> Profiles, bool Offline)
{
    public bool Passed => Broker.Problem is null && ConfigurationErrors.Count == 0 && Profiles.All(p => p.Passed);

    /// <summary>Something in the configuration is wrong (rather than only AWS refusing what it asks for).</summary>
    public bool HasConfigurationErrors => ConfigurationErrors.Count > 0 || Profiles.Any(p => p.ConfigurationErrors.Count > 0);
}

/// <param name="CallerArn">From GetCallerIdentity when AWS was called, else null.</param>
/// <param name="Problem">Why the broker's credentials could not be used, or null.</param>
public sealed record BrokerCheck(bool Resolved, bool IsTemporary, string? Source, string? CallerArn, string? Account, string? Problem);

/// <param name="ConsoleSession">The console session length users will really get.</param>
/// <param name="SessionWhy">Why that length (e.g. role chaining).</param>
/// <param name="Detail">The failure message for the admin, or the principal ARN obtained.</param>
/// <param name="Warnings">What the profile lets happen that the admin should know (<see cref="ProfileWarnings"/>); not failures.</param>
public sealed record ProfileCheckResult(
    string Profile,
    SigninMethod Method,
    IReadOnlyList<string> ConfigurationErrors,
    ProfileCheckState Credentials,
    string? FailureCode,
    string? Detail,
    TimeSpan ConsoleSession,
    string SessionWhy,
    IReadOnlyList<string> Warnings)
{
    public bool Passed => ConfigurationErrors.Count == 0 && Credentials != ProfileCheckState.Failed;

    /// <summary>Whether revoke can attach its Deny to the profile's role (<see cref="RevokeCheck"/>); not a failure of the profile.</summary>
    public RevokeCheckResult? Revoke { get; init; }

    /// <summary>What the admin must fix for this profile to work: its configuration errors, then the credential failure.</summary>
    public IReadOnlyList<string> Fixes => Credentials == ProfileCheckState.Failed
        ? [.. ConfigurationErrors, $"{FailureCode}: {Detail}"]
        : ConfigurationErrors;
}

public enum ProfileCheckState
{
    /// <summary>AWS was not called (configuration only, or the configuration is invalid).</summary>
    Skipped,
    Passed,
    Failed,
}
