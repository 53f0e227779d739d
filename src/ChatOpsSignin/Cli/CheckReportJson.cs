using System.Text.Encodings.Web;
using System.Text.Json;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Cli;

/// <summary>The <c>check --json</c> report: the same facts as the text, as one JSON object for scripts.</summary>
internal static class CheckReportJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a terminal or a script reads it, never a browser
    };

    public static Task WriteAsync(TextWriter output, ProfileCheckReport report, IReadOnlyList<ProfileReach.Reach>? reach = null) =>
        output.WriteLineAsync(JsonSerializer.Serialize(ToJson(report, reach ?? []), Json));

    private static object ToJson(ProfileCheckReport report, IReadOnlyList<ProfileReach.Reach> reach) => new
    {
        reach, // who can reach what: per profile the expanded requesters and approvers
        passed = report.Passed,
        offline = report.Offline,
        broker = new
        {
            ok = report.Broker.Problem is null,
            checkedWithAws = report.Broker.Resolved,
            arn = report.Broker.CallerArn,
            account = report.Broker.Account,
            temporary = report.Broker.IsTemporary,
            source = report.Broker.Source,
            problem = report.Broker.Problem,
        },
        configurationErrors = report.ConfigurationErrors,
        profiles = report.Profiles.Select(p => new
        {
            name = p.Profile,
            ok = p.Passed,
            method = p.Method.ToString(),
            consoleSessionSeconds = (int)p.ConsoleSession.TotalSeconds,
            sessionWhy = p.SessionWhy,
            credentials = p.Credentials.ToString(),
            principalArn = p.Credentials == ProfileCheckState.Passed ? p.Detail : null,
            failureCode = p.FailureCode,
            fix = p.Fixes,
            warnings = p.Warnings,
            revoke = p.Revoke is { } revoke ? new { state = revoke.State.ToString(), text = revoke.Text } : null,
        }),
    };
}
