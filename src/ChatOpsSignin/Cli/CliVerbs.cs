using System.CommandLine;

namespace ChatOpsSignin.Cli;

/// <summary>The same executable's one-shot verbs: <c>link</c>, <c>check</c>, <c>audit</c>, <c>migrate</c>. With no verb it runs the bot.</summary>
internal static class CliVerbs
{
    private static readonly string[] Verbs = ["link", "check", "audit", "migrate", "--help", "-h", "-?"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, CliContext? context = null)
    {
        context ??= CliContext.Console();
        var root = new RootCommand("ChatOpsSignin: AWS console sign-in links from chat. Without a verb, runs the bot.")
        {
            LinkCommand.Create(context),
            CheckCommand.Create(context),
            AuditCommand.Create(context),
            MigrateCommand.Create(context),
        };
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error });
    }
}
