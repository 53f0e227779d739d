using System.CommandLine;
using ChatOpsSignin.Aws.Checks;

namespace ChatOpsSignin.Cli;

/// <summary>
/// <c>check [--offline]</c>: validates the configuration and reports every profile by name; unless offline, calls
/// GetCallerIdentity and assumes each profile's role once (15 minutes) to prove trust policy and ExternalId.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var offline = new Option<bool>("--offline") { Description = "Only validate the configuration; make no AWS call" };
        var command = new Command("check", "Validate the configuration and report per profile what users will get") { offline };
        command.SetAction(async (parsed, ct) =>
        {
            using var host = context.BuildHost();
            var report = await host.Services.GetRequiredService<ProfileCheck>().RunAsync(!parsed.GetValue(offline), ct);
            await WriteAsync(context.Out, report);
            return report.Passed ? ExitCodes.Ok : ExitCodes.Configuration;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ProfileCheckReport report)
    {
        foreach (var error in report.ConfigurationErrors)
        {
            await output.WriteLineAsync($"configuration error: {error}");
        }

        var broker = report.Broker;
        if (broker.Problem is not null)
        {
            await output.WriteLineAsync($"broker: FAILED {broker.Problem}");
        }
        else if (broker.Resolved)
        {
            var kind = broker.IsTemporary ? "temporary credentials (role chaining rules apply)" : "long-term keys";
            await output.WriteLineAsync($"broker: {broker.CallerArn} ({kind} from {broker.Source})");
        }

        foreach (var profile in report.Profiles)
        {
            var state = profile.Passed ? "ok" : "FAILED";
            var credentials = profile.Credentials switch
            {
                ProfileCheckState.Passed => $"; credentials issued as {profile.Detail}",
                ProfileCheckState.Failed => $"; credentials refused ({profile.FailureCode}): {profile.Detail}",
                _ => string.Empty,
            };
            await output.WriteLineAsync(
                $"{profile.Profile}: {state} ({profile.Method}); console session {profile.ConsoleSession:g}: {profile.SessionWhy}{credentials}");
            foreach (var error in profile.ConfigurationErrors)
            {
                await output.WriteLineAsync($"  {error}");
            }

            foreach (var warning in profile.Warnings)
            {
                await output.WriteLineAsync($"  ⚠ {warning}");
            }
        }

        await output.WriteLineAsync(report.Passed ? "check passed" : "check FAILED");
    }
}
