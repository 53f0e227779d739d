using Amazon.DynamoDBv2;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb.Approvals;
using ChatOpsSignin.Storage.DynamoDb.Audit;
using ChatOpsSignin.Storage.DynamoDb.Delivery;
using ChatOpsSignin.Storage.DynamoDb.Links;
using ChatOpsSignin.Storage.DynamoDb.Policy;
using ChatOpsSignin.Storage.DynamoDb.Table;
using ChatOpsSignin.Storage.DynamoDb.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage.DynamoDb;

public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>
    /// The DynamoDB store (<c>Storage:Provider=DynamoDb</c>): <c>Storage:DynamoDb</c> options validated at start, one client
    /// (an <see cref="IAmazonDynamoDB"/> registered before this call wins, for tests), the six store ports, the table check
    /// at start-up, the <c>migrate</c> step and a <see cref="RoomStatus"/>.
    /// </summary>
    public static IServiceCollection AddDynamoDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DynamoDbOptions>().Bind(configuration.GetSection(DynamoDbOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbOptions>, DynamoDbOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => DynamoDbClientFactory.Create(Options(sp)));
        services.AddSingleton(sp => new DynamoDbTable(sp.GetRequiredService<IAmazonDynamoDB>(), Options(sp).TableName));
        services.AddSingleton(sp => new TableProvisioner(
            sp.GetRequiredService<DynamoDbTable>(), Options(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TableProvisioner>>()));

        services.AddSingleton<IApprovalStore, DynamoDbApprovalStore>();
        services.AddSingleton<IIssuedLinkStore, DynamoDbIssuedLinkStore>();
        services.AddSingleton<IAuditLog, DynamoDbAuditLog>();
        services.AddSingleton<IRateLimitStore, DynamoDbRateLimitStore>();
        services.AddSingleton<IReplayGuard, DynamoDbReplayGuard>();
        services.AddSingleton<ILinkTicketStore, DynamoDbLinkTicketStore>();
        services.AddSingleton<IWorkStore, DynamoDbWorkStore>();
        services.AddSingleton<IStoreMigrator, DynamoDbMigrator>();
        services.AddHostedService(sp => new TableAtStartup(sp.GetRequiredService<TableProvisioner>(), Options(sp)));

        services.AddSingleton(sp => new RoomStatus("Storage", true, Describe(Options(sp))));
        return services;
    }

    private static DynamoDbOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DynamoDbOptions>>().Value;

    private static string Describe(DynamoDbOptions options) =>
        $"{DynamoDbOptions.Provider} table {options.TableName} at {(options.ServiceUrl is { Length: > 0 } url ? url : options.Region ?? "the SDK default region")}";
}
