using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Approvals;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Delivery;
using ChatOpsSignin.Storage.Links;
using ChatOpsSignin.Storage.Options;
using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using ChatOpsSignin.Storage.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The Storage room: <c>Storage</c> options (validated at start), one SQLite connection factory that migrates the
    /// schema on first use, the store ports, a start-up schema check for the bot, and a <see cref="RoomStatus"/>.
    /// </summary>
    public static IServiceCollection AddStorageRoom(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddSingleton(sp => new SqliteConnectionFactory(
            ResolvePath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath, sp.GetService<IHostEnvironment>()),
            sp.GetService<TimeProvider>()));
        services.AddSingleton<IApprovalStore, SqliteApprovalStore>();
        services.AddSingleton<IIssuedLinkStore, SqliteIssuedLinkStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IRateLimitStore, SqliteRateLimitStore>();
        services.AddSingleton<IReplayGuard, SqliteReplayGuard>();
        services.AddSingleton<ILinkTicketStore, SqliteLinkTicketStore>();
        services.AddSingleton<IWorkStore, SqliteWorkStore>();
        services.AddSingleton<IStoreMigrator, SqliteStoreMigrator>();
        services.AddHostedService<SchemaAtStartup>();

        services.AddSingleton(sp => new RoomStatus(
            "Storage", true, $"{StorageOptions.SqliteProvider} at {sp.GetRequiredService<SqliteConnectionFactory>().DatabasePath}"));
        return services;
    }

    internal static string ResolvePath(string sqlitePath, IHostEnvironment? environment) =>
        Path.GetFullPath(sqlitePath, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
}
