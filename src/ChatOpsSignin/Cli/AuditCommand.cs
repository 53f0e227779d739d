using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Core.Audit;

namespace ChatOpsSignin.Cli;

/// <summary><c>audit [--since 24h] [--user key] [--profile name] [--json]</c>: the audit trail, oldest first.</summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create(CliContext context)
    {
        var since = new Option<string>("--since") { Description = "How far back: 30m, 24h, 7d", DefaultValueFactory = _ => "24h" };
        var user = new Option<string?>("--user") { Description = "Only events where this user key is requester or actor" };
        var profile = new Option<string?>("--profile") { Description = "Only events for this profile" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line" };
        var command = new Command("audit", "Print the audit trail") { since, user, profile, json };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryParseAge(parsed.GetValue(since)!, out var age))
            {
                await context.Error.WriteLineAsync($"--since: '{parsed.GetValue(since)}' is not an age like 30m, 24h or 7d.");
                return ExitCodes.Usage;
            }

            using var host = context.BuildHost();
            var time = host.Services.GetRequiredService<TimeProvider>();
            var events = await host.Services.GetRequiredService<IAuditLog>()
                .QueryAsync(new AuditQuery(time.GetUtcNow() - age, parsed.GetValue(user), parsed.GetValue(profile)), ct);
            foreach (var e in events)
            {
                await context.Out.WriteLineAsync(parsed.GetValue(json) ? JsonSerializer.Serialize(ToJson(e), Json) : ToLine(e));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static bool TryParseAge(string text, out TimeSpan age)
    {
        age = default;
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        age = parsed ?? default;
        return parsed is not null;
    }

    private static object ToJson(AuditEvent e) => new
    {
        requestId = e.RequestId.Value, type = e.Type, at = e.At, e.Requester, e.Handle, e.Platform, e.Profile,
        e.RoleArn, e.SessionName, e.SourceIdentity, e.Actor, e.Reason, e.Code, durationSeconds = e.Duration?.TotalSeconds,
    };

    private static string ToLine(AuditEvent e)
    {
        var parts = new List<string> { e.At.ToString("u", CultureInfo.InvariantCulture), e.RequestId.Value, e.Type.ToString() };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }

        Add("user", e.Requester);
        Add("handle", e.Handle);
        Add("profile", e.Profile);
        Add("role", e.RoleArn);
        Add("session", e.SessionName);
        Add("source-identity", e.SourceIdentity);
        Add("by", e.Actor);
        Add("code", e.Code);
        Add("reason", e.Reason);
        return string.Join(' ', parts);
    }
}
