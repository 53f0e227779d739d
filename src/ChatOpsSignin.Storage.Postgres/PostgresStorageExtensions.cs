using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Postgres.Approvals;
using ChatOpsSignin.Storage.Postgres.Audit;
using ChatOpsSignin.Storage.Postgres.Delivery;
using ChatOpsSignin.Storage.Postgres.Links;
using ChatOpsSignin.Storage.Postgres.Options;
using ChatOpsSignin.Storage.Postgres.Policy;
using ChatOpsSignin.Storage.Postgres.Schema;
using ChatOpsSignin.Storage.Postgres.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// The PostgreSQL engine for <c>Storage:Provider=Postgres</c>: <c>Storage:Postgres</c> options (validated at start),
    /// one pooled data source, the six store ports, the schema migrator (also run at start-up), and a <see cref="RoomStatus"/>.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresStorageOptions>().Bind(configuration.GetSection(PostgresStorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());

        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString!));
        services.AddSingleton<IStoreMigrator>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IApprovalStore, PostgresApprovalStore>();
        services.AddSingleton<IWorkStore, PostgresWorkStore>();
        services.AddSingleton<IIssuedLinkStore, PostgresIssuedLinkStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<IRateLimitStore, PostgresRateLimitStore>();
        services.AddSingleton<IReplayGuard, PostgresReplayGuard>();
        services.AddSingleton<ILinkTicketStore, PostgresLinkTicketStore>();
        services.AddHostedService<PostgresSchemaAtStartup>();

        services.AddSingleton(sp => new RoomStatus(
            "Storage", true, $"{PostgresStorageOptions.Provider} at {sp.GetRequiredService<PostgresDatabase>().Server}"));
        return services;
    }
}
