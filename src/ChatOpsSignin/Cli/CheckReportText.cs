using System.Text.RegularExpressions;
using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Checks;

namespace ChatOpsSignin.Cli;

/// <summary>
/// The <c>check</c> report for people: one line per profile (✓/✗, name, method, the console session users get, and
/// why, or for ✗ what to fix), its warnings under it (⚠), then a verdict. Messages are folded onto one line.
/// </summary>
internal static partial class CheckReportText
{
    public static async Task WriteAsync(TextWriter output, ProfileCheckReport report)
    {
        var broker = report.Broker;
        if (broker.Problem is not null)
        {
            await output.WriteLineAsync($"✗ broker: fix: {OneLine(broker.Problem)}");
        }
        else if (broker.Resolved)
        {
            var kind = broker.IsTemporary ? "temporary credentials (role chaining rules apply)" : "long-term keys";
            await output.WriteLineAsync($"✓ broker: {broker.CallerArn} ({kind} from {broker.Source})");
        }

        var nameWidth = report.Profiles.Select(p => p.Profile.Length).DefaultIfEmpty(0).Max();
        foreach (var profile in report.Profiles)
        {
            var length = profile.ConsoleSession > TimeSpan.Zero ? SessionPlan.Describe(profile.ConsoleSession) : "-";
            var tail = profile.Passed ? profile.SessionWhy : "fix: " + string.Join(" | ", profile.Fixes);
            await output.WriteLineAsync(
                $"{(profile.Passed ? '✓' : '✗')} {profile.Profile.PadRight(nameWidth)}  {profile.Method,-15}  {length,-5}  {OneLine(tail)}");
            foreach (var warning in profile.Warnings)
            {
                await output.WriteLineAsync($"  ⚠ {OneLine(warning)}");
            }

            if (profile.Revoke is { } revoke)
            {
                var mark = revoke.State switch { RevokeCheckState.Permitted => '✓', RevokeCheckState.NotPermitted => '⚠', _ => '·' };
                await output.WriteLineAsync($"  {mark} {OneLine(revoke.Text)}");
            }
        }

        foreach (var error in report.ConfigurationErrors)
        {
            await output.WriteLineAsync($"✗ configuration: fix: {OneLine(error)}");
        }

        var failed = report.Profiles.Count(p => !p.Passed);
        var verdict = report.Passed ? "check passed" : $"check FAILED: {failed} of {report.Profiles.Count} profile(s) failed";
        await output.WriteLineAsync(report.Offline ? $"{verdict} (--offline: configuration only, no AWS call made)" : verdict);
    }

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
