using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Flow;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<SigninPolicy>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ConsoleAccessIssuer>();
        services.AddSingleton<DeliveryDirectory>();
        services.AddSingleton<SigninQueue>();
        services.AddSingleton<SigninFlow>();
        services.AddSingleton<ISigninBroker, SigninBroker>();
        return services;
    }

    /// <summary>The background half: the queue worker and the expiry sweeper. Not for one-shot CLI verbs.</summary>
    public static IServiceCollection AddSigninWorkers(this IServiceCollection services)
    {
        services.AddSingleton<ExpirySweeper>();
        services.AddHostedService<SigninWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());
        return services;
    }
}
