using System.CommandLine;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Cli;

/// <summary><c>check</c>: validates the configuration and reports every profile.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Validate the configuration and report per profile");
        command.SetAction(async (parsed, ct) =>
        {
            using var host = context.BuildHost();
            if (!context.TryValidate<SigninOptions>(host.Services))
            {
                return ExitCodes.Configuration;
            }

            foreach (var profile in host.Services.GetRequiredService<ProfileCatalog>().All)
            {
                await context.Out.WriteLineAsync($"{profile.Name}: ok ({profile.Options.Method}, {profile.Allow.Count} allowed user(s))");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
