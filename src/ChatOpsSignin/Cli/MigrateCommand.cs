using System.CommandLine;
using ChatOpsSignin.Core.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Cli;

/// <summary>
/// <c>migrate</c>: creates or updates the configured store's schema (<c>Storage:Provider</c>) and exits, for deployments
/// that prepare the store before the bot starts. Safe to run again and beside running replicas.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("migrate", "Create or update the configured store's schema, then exit");
        command.SetAction(async (parsed, ct) =>
        {
            try
            {
                using var host = context.BuildHost();
                await host.Services.GetRequiredService<IStoreMigrator>().MigrateAsync(ct);
                var storage = host.Services.GetServices<RoomStatus>().Single(r => r.Room == "Storage");
                await context.Out.WriteLineAsync($"migrate: {storage.Why}: schema is up to date");
                return ExitCodes.Ok;
            }
            catch (OptionsValidationException exception)
            {
                foreach (var failure in exception.Failures)
                {
                    await context.Error.WriteLineAsync($"configuration error: {failure}");
                }

                return ExitCodes.Configuration;
            }
            catch (InvalidOperationException exception)
            {
                // Unreachable engine, unknown provider, schema newer than this build: the message names the key.
                await context.Error.WriteLineAsync($"migrate FAILED: {exception.Message}");
                return ExitCodes.Configuration;
            }
        });
        return command;
    }
}
