using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Broker;

/// <summary>
/// How long credentials and the console session really last for a profile, and why. Rules
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html):
/// SessionDuration (900-43200 s) only with role credentials obtained from long-term keys; role chaining caps
/// DurationSeconds at 3600; GetFederationToken credentials never take SessionDuration and need long-term keys.
/// </summary>
/// <param name="CredentialLifetime">DurationSeconds to ask STS for.</param>
/// <param name="SessionDurationParameter">SessionDuration to send to getSigninToken, or null to omit it.</param>
/// <param name="ConsoleSession">What the user really gets.</param>
/// <param name="Impossible">Set when the method cannot work with these broker credentials.</param>
public sealed record SessionPlan(TimeSpan CredentialLifetime, TimeSpan? SessionDurationParameter, TimeSpan ConsoleSession, string Why, string? Impossible)
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    private static readonly TimeSpan ConsoleMax = TimeSpan.FromHours(12);
    private static readonly TimeSpan FederationTokenMax = TimeSpan.FromHours(36);

    public static SessionPlan For(ProfileOptions profile, bool brokerIsTemporary)
    {
        var requested = profile.SessionDuration;
        if (profile.Method == SigninMethod.FederationToken)
        {
            if (brokerIsTemporary)
            {
                return new SessionPlan(Min, null, TimeSpan.Zero, "GetFederationToken needs an IAM user's long-term keys",
                    "The broker runs on temporary credentials, and GetFederationToken cannot be called with session credentials: give the bot IAM user access keys or switch the profile to AssumeRole.");
            }

            var lifetime = Clamp(requested, Min, FederationTokenMax);
            return new SessionPlan(lifetime, null, lifetime, "federation token: the console session lasts as long as the token (SessionDuration is never sent)", null);
        }

        var credentials = Clamp(requested, Min, OneHour);
        if (brokerIsTemporary)
        {
            var why = requested > OneHour
                ? "broker uses temporary credentials: role chaining caps it at 1h and forbids SessionDuration"
                : "broker uses temporary credentials: the console session lasts as long as the role session";
            return new SessionPlan(credentials, null, credentials, why, null);
        }

        var console = Clamp(requested, Min, ConsoleMax);
        return new SessionPlan(credentials, console, console, "long-term broker keys: SessionDuration is sent to the federation endpoint", null);
    }

    public static string Describe(TimeSpan length) =>
        length.TotalMinutes % 60 == 0 ? $"{(int)length.TotalHours}h" : $"{(int)length.TotalMinutes}min";

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
