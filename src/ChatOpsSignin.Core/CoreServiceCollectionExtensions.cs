using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.Core.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The core flow and its options. Rooms add the ports (stores, issuers, link factory, deliveries).</summary>
    public static IServiceCollection AddSigninCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigninOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigninOptions>, SigninOptionsValidator>());
        services.AddOptions<LinksOptions>().Bind(configuration.GetSection(LinksOptions.Section)).ValidateOnStart();
        services.AddOptions<WorkOptions>().Bind(configuration.GetSection(WorkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.Retention is null || o.Retention >= AuditOptions.MinRetention, "Audit:Retention: must be at least 1.00:00:00, or absent to keep the trail forever.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DirectoryLookup>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<ProfileReach>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CatalogReloader>(sp, configuration));
        services.AddHostedService(sp => sp.GetRequiredService<CatalogReloader>());
        services.AddSingleton<SigninPolicy>();
        services.AddSingleton<RequesterLimit>();
        services.AddSingleton<ApprovalRules>();
        services.AddSingleton<BreakGlassRules>();
        services.AddOptions<PeopleOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeopleOptions>, PeopleOptionsValidator>());
        services.AddSingleton<People>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RefusalAudit>();
        services.AddSingleton<CredentialIssuers>();
        services.AddSingleton<DeliveryDirectory>();
        services.TryAddSingleton<SigninTelemetry>();
        services.TryAddSingleton<IConsoleCatalog, NoConsoleCatalog>();
        services.AddSingleton<ConsoleTargetRules>();
        services.AddSingleton<ClickThroughLinks>();
        services.AddSingleton<LinkFrontDoor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinksOptions>, LinksOptionsValidator>());
        services.AddSingleton<RevocationMarks>();
        services.AddSingleton<RevocationLookup>();
        services.AddSingleton<RevocationRules>();
        services.AddSingleton<Revocations>();
        services.TryAddSingleton<IRoleSessionRevoker, NoRoleSessionRevoker>();
        services.AddSingleton<RequestDriver>();
        services.AddSingleton<WorkPump>();
        services.AddSingleton<ISigninBroker, RequestFrontDoor>();
        return services;
    }

    /// <summary>The background half: the work pump and the store janitor. Not for one-shot CLI verbs.</summary>
    public static IServiceCollection AddSigninWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<WorkPump>());
        services.AddHostedService<StoreJanitor>();
        return services;
    }
}
