using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChatOpsSignin.Core.Profiles;

/// <summary>
/// Watches the configuration (appsettings.json is loaded with reload on change; any provider that raises its reload
/// token counts) and, on a change, binds <c>Groups</c> and <c>Profiles</c> afresh, runs every start-up validator of
/// them (core and AWS rules, the same key-naming messages), then either swaps the catalog or keeps the running one.
/// Both outcomes are logged and audited. Rate limits and platform sections still need a restart.
/// </summary>
public sealed partial class CatalogReloader(
    IConfiguration configuration,
    ProfileCatalog catalog,
    IEnumerable<IValidateOptions<SigninOptions>> validators,
    IAuditLog audit,
    TimeProvider time,
    ILogger<CatalogReloader> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => _ = ReloadInBackgroundAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Validates the configuration as it is now and applies it; the failures when it was refused.</summary>
    public async Task<IReadOnlyList<string>> ReloadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var candidate = new SigninOptions();
            configuration.Bind(candidate);
            var failures = validators
                .Select(v => v.Validate(Options.DefaultName, candidate))
                .Where(r => r.Failed)
                .SelectMany(r => r.Failures ?? [r.FailureMessage ?? "invalid"])
                .ToList();
            var at = time.GetUtcNow();
            if (failures.Count > 0)
            {
                Log.Refused(logger, failures.Count, string.Join(" | ", failures));
                await audit.AppendAsync(
                    new AuditEvent(RequestId.New(), AuditEventType.ConfigurationRefused, at) { Code = "config_invalid", Reason = string.Join(" | ", failures) },
                    cancellationToken);
                return failures;
            }

            catalog.Apply(candidate);
            Log.Applied(logger, candidate.Profiles.Count, candidate.Groups.Count);
            await audit.AppendAsync(
                new AuditEvent(RequestId.New(), AuditEventType.ConfigurationApplied, at) { Reason = $"{candidate.Profiles.Count} profiles, {candidate.Groups.Count} groups" },
                cancellationToken);
            return [];
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        gate.Dispose();
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.Failed(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 530, Level = LogLevel.Error, Message = "Configuration change refused ({Count} errors); the running configuration stays in force: {Failures}")]
        public static partial void Refused(ILogger logger, int count, string failures);

        [LoggerMessage(EventId = 531, Level = LogLevel.Information, Message = "Configuration change applied: {Profiles} profiles, {Groups} groups")]
        public static partial void Applied(ILogger logger, int profiles, int groups);

        [LoggerMessage(EventId = 532, Level = LogLevel.Error, Message = "Applying a configuration change failed; the running configuration stays in force")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
