using System.CommandLine;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Links;
using Microsoft.Extensions.Options;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Cli;

/// <summary>
/// <c>check [--offline] [--json]</c>: validates the configuration and reports every profile by name; unless offline, calls
/// GetCallerIdentity and issues each profile's credentials once (15 minutes) to prove trust policy and ExternalId.
/// The report is the only thing on stdout; exit code 2 for configuration errors, 4 when only AWS refused.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var offline = new Option<bool>("--offline") { Description = "Only validate the configuration; make no AWS call" };
        var json = new Option<bool>("--json") { Description = "The report as one JSON object, for scripts" };
        var command = new Command("check", "Validate the configuration and report per profile what users will get") { offline, json };
        command.SetAction(async (parsed, ct) =>
        {
            using var host = context.BuildHost();
            var report = await host.Services.GetRequiredService<ProfileCheck>().RunAsync(!parsed.GetValue(offline), ct);
            var reach = report.HasConfigurationErrors ? [] : await host.Services.GetRequiredService<ProfileReach>().ExpandAsync(ct);
            if (parsed.GetValue(json))
            {
                await CheckReportJson.WriteAsync(context.Out, report, reach);
            }
            else
            {
                await context.Out.WriteLineAsync(LinkModeLine.Describe(host.Services.GetRequiredService<IOptions<LinksOptions>>().Value));
                await CheckReportText.WriteAsync(context.Out, report);
                await CheckReachText.WriteAsync(context.Out, reach);
            }

            return ExitCode(report);
        });
        return command;
    }

    private static int ExitCode(ProfileCheckReport report) =>
        report.Passed ? ExitCodes.Ok : report.HasConfigurationErrors ? ExitCodes.Configuration : ExitCodes.AwsFailure;
}
