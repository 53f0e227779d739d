using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>
/// Logs once at start, per profile, the console session length users will really get and why
/// (e.g. "prod-readonly: 1h (broker uses temporary credentials: role chaining caps it at 1h ...)"), and warns of what a
/// profile lets happen outside the bot (<see cref="ProfileWarnings"/>).
/// Runs in the background so resolving the SDK credential chain never delays start-up.
/// </summary>
public sealed partial class SessionLengthReport(IOptions<SigninOptions> signin, BrokerCredentials broker, ILogger<SessionLengthReport> logger)
    : BackgroundService
{
    public static IReadOnlyList<string> Lines(IEnumerable<KeyValuePair<string, ProfileOptions>> profiles, bool brokerIsTemporary) => profiles
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => SessionPlan.For(p.Value, brokerIsTemporary) is var plan && plan.Impossible is null
            ? $"{p.Key}: {SessionPlan.Describe(plan.ConsoleSession)} ({plan.Why})"
            : $"{p.Key}: unusable ({plan.Impossible})")
        .ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (signin.Value.Profiles.Count == 0)
        {
            return; // AWS is off (the room status says so); don't walk the credential chain for nothing.
        }

        foreach (var (name, profile) in signin.Value.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var warning in ProfileWarnings.For(profile))
            {
                Log.ProfileWarning(logger, name, warning);
            }
        }

        var session = await broker.ResolveAsync(stoppingToken);
        if (!session.Succeeded)
        {
            Log.NoBroker(logger, session.Failure.AdminMessage);
            return;
        }

        Log.Broker(logger, session.Value.IsTemporary ? "temporary" : "long-term", session.Value.Source);
        foreach (var line in Lines(signin.Value.Profiles, session.Value.IsTemporary))
        {
            Log.Profile(logger, line);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "AWS broker credentials: {Kind}, from {Source}.")]
        public static partial void Broker(ILogger logger, string kind, string source);

        [LoggerMessage(Level = LogLevel.Information, Message = "Console session: {Line}")]
        public static partial void Profile(ILogger logger, string line);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile}: {Warning}.")]
        public static partial void ProfileWarning(ILogger logger, string profile, string warning);

        [LoggerMessage(Level = LogLevel.Warning, Message = "AWS broker credentials are not available, no profile can be issued: {Problem}")]
        public static partial void NoBroker(ILogger logger, string problem);
    }
}
