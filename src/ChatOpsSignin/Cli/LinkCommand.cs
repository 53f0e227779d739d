using System.CommandLine;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Cli;

/// <summary>
/// <c>link &lt;profile&gt; --user &lt;key&gt; --handle &lt;name&gt;</c>: one request through the same driver the bot runs
/// (allow-list, rate limit, audit as platform <c>cli</c>), printing only the console URL to stdout. Refusals go to stderr
/// with a non-zero exit.
/// </summary>
internal static class LinkCommand
{
    /// <summary>Codes that are policy's "no" (exit 3); any other failure is AWS's or the federation endpoint's (exit 4).</summary>
    private static readonly HashSet<string> RefusalCodes =
        ["unknown_profile", "not_allowed", "rate_limited", "approval_required", "no_approval_channel", "approver_not_current", "platform_off"];

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

        var delivery = new CliDelivery(context.Out, context.Error);
        using var host = context.BuildHost(services => services.AddSingleton<IChatDelivery>(delivery));
        var services = host.Services;
        if (!context.TryValidate<SigninOptions>(services))
        {
            return ExitCodes.Configuration;
        }

        // The requester is the chat user named on the command line (allow-lists match that key); it came via the CLI.
        var time = services.GetRequiredService<TimeProvider>();
        var request = new SigninRequest(RequestId.New(), new ChatUser(userId.Value, handle), profileName, reason ?? "cli", "cli", time.GetUtcNow())
        {
            Via = ChatPlatform.Cli,
        };
        var lease = services.GetRequiredService<IOptions<WorkOptions>>().Value.LeaseDuration;
        var leased = await services.GetRequiredService<IWorkStore>().TryAddAsync(WorkItem.New(request), $"cli/{Environment.ProcessId}", time.GetUtcNow() + lease, ct)
            ?? throw new InvalidOperationException("A fresh request id was already recorded.");
        await services.GetRequiredService<RequestDriver>().RunAsync(leased, ct);

        return delivery switch
        {
            { LinkShown: true } => ExitCodes.Ok,
            { Failure.Code: var code } when RefusalCodes.Contains(code) => ExitCodes.Refused,
            _ => ExitCodes.AwsFailure,
        };
    }
}
