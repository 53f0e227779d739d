using ChatOpsSignin.Aws;
using ChatOpsSignin.Core;
using ChatOpsSignin.Hosting;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Teams;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Cli;

/// <summary>
/// Where a verb writes, and how it builds its services: the bot's own configuration (appsettings.json,
/// environment, <c>--Key=Value</c> is not used here) with the core, storage and AWS rooms, logging warnings to stderr only.
/// Tests pass extra configuration and service overrides.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? overrides)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public static CliContext Console() => new(System.Console.Out, System.Console.Error, null, null);

    public IHost BuildHost(Action<IServiceCollection>? verbServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // stdout is the verb's output (a URL, a report, JSON): logs go to stderr, warnings and worse only, whatever the
        // Logging section says (PostConfigure runs after it, also on reload).
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Services.PostConfigure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = LogLevel.Warning;
        });
        builder.Services
            .AddSigninCore(builder.Configuration)
            .AddStorage(builder.Configuration)
            .AddAwsRoom(builder.Configuration)
            .AddSlackRoom(builder.Configuration)  // their directories expand slack-usergroup: and entra-group: entries for check
            .AddTeamsRoom(builder.Configuration);
        verbServices?.Invoke(builder.Services);
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Resolves validated options up front, so a bad profile is reported by name instead of as a stack trace.</summary>
    public bool TryValidate<TOptions>(IServiceProvider services)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                Error.WriteLine($"configuration error: {failure}");
            }

            return false;
        }
    }
}
