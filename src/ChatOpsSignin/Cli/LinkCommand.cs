using System.CommandLine;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Cli;

/// <summary>
/// <c>link &lt;profile&gt; --user &lt;key&gt; --handle &lt;name&gt;</c>: the whole pipeline, allow-list and rate limit included,
/// printing only the console URL to stdout (like <c>aws-vault login --stdout</c>). Refusals go to stderr with a non-zero exit.
/// </summary>
internal static class LinkCommand
{
    public static Command Create(CliContext context)
    {
        var profile = new Argument<string>("profile") { Description = "Profile name, e.g. prod-readonly" };
        var user = new Option<string>("--user") { Description = "Chat user key: slack:<team>/<user> or teams:<tenant>/<aadObjectId>", Required = true };
        var handle = new Option<string>("--handle") { Description = "Chat handle that becomes the AWS session name", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why the link is needed (audited)" };
        var command = new Command("link", "Print a console sign-in URL for a profile, as the bot would issue it") { profile, user, handle, reason };
        command.SetAction((parsed, ct) => RunAsync(
            context, parsed.GetValue(profile)!, parsed.GetValue(user)!, parsed.GetValue(handle)!, parsed.GetValue(reason), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string profileName, string userKey, string handle, string? reason, CancellationToken ct)
    {
        if (!ChatUserId.TryParse(userKey, out var userId))
        {
            await context.Error.WriteLineAsync($"'{userKey}' is not a user key: expected slack:<team>/<user> or teams:<tenant>/<aadObjectId>.");
            return ExitCodes.Usage;
        }

        using var host = context.BuildHost();
        var services = host.Services;
        if (!context.TryValidate<SigninOptions>(services))
        {
            return ExitCodes.Configuration;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var request = new SigninRequest(RequestId.New(), new ChatUser(userId.Value, handle), profileName, reason ?? "cli", "cli", time.GetUtcNow());
        var audit = services.GetRequiredService<AuditTrail>();
        await audit.RecordAsync(request, AuditEventType.Requested, e => e with { Reason = request.Reason }, ct);

        var granted = await services.GetRequiredService<SigninPolicy>().CheckAsync(request, ct);
        if (!granted.Succeeded)
        {
            await audit.RecordAsync(request, AuditEventType.Refused, e => e with { Code = granted.Failure.Code }, ct);
            await context.Error.WriteLineAsync($"refused ({granted.Failure.Code}): {granted.Failure.UserMessage}");
            return ExitCodes.Refused;
        }

        if (granted.Value.Options.Approval is not null)
        {
            await audit.RecordAsync(request, AuditEventType.Refused, e => e with { Code = "approval_required" }, ct);
            await context.Error.WriteLineAsync($"refused (approval_required): profile '{granted.Value.Name}' needs an approver; request it from chat.");
            return ExitCodes.Refused;
        }

        var access = await services.GetRequiredService<ConsoleAccessIssuer>().IssueAsync(request, granted.Value, null, ct);
        if (!access.Succeeded)
        {
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = access.Failure.Code }, ct);
            await context.Error.WriteLineAsync($"failed ({access.Failure.Code}): {access.Failure.AdminMessage}");
            return ExitCodes.AwsFailure;
        }

        await audit.RecordAsync(
            request, AuditEventType.LinkDelivered, e => e.WithSession(access.Value.Credentials) with { Code = "stdout" }, ct);
        await context.Out.WriteLineAsync(access.Value.Link.Url.AbsoluteUri);
        await context.Error.WriteLineAsync(
            $"session {access.Value.Credentials.SessionName}; link valid until {access.Value.Link.ExpiresAt:u}; console session ends by {access.Value.Link.ConsoleSessionEndsAt:u}");
        return ExitCodes.Ok;
    }
}
