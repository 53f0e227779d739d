using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Aws.Cognito;
using ChatOpsSignin.Aws.Credentials;
using ChatOpsSignin.Aws.Iam;
using ChatOpsSignin.Aws.Links;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChatOpsSignin.Aws;

public static class AwsServiceCollectionExtensions
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    // Issuers are singletons holding typed clients, so connections (not handlers) are recycled to follow DNS changes.
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The Aws room: options and AWS profile rules (validated at start), the three credential issuers, the console link
    /// factory, the start-up session-length report, <see cref="ProfileCheck"/> for the CLI, and a <see cref="RoomStatus"/>.
    /// An <see cref="Amazon.Runtime.AWSCredentials"/> registered by the host wins over the SDK default chain.
    /// </summary>
    public static IServiceCollection AddAwsRoom(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AwsOptions>().Bind(configuration.GetSection(AwsOptions.Section)).ValidateOnStart();
        services.AddOptions<LinksOptions>().Bind(configuration.GetSection(LinksOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigninOptions>, AwsProfileValidator>());

        services.AddSingleton<BrokerCredentials>();
        services.AddSingleton<StsClients>();
        services.AddSingleton<ICredentialIssuer, AssumeRoleIssuer>();
        services.AddSingleton<ICredentialIssuer, FederationTokenIssuer>();
        services.AddSingleton<ICredentialIssuer, CognitoIssuer>();
        services.AddSingleton<IConsoleLinkFactory, ConsoleLinkFactory>();
        services.AddSingleton<IConsoleCatalog, ConsoleCatalog>();
        services.AddSingleton<ProfileCheck>();
        services.AddSingleton<RevokeCheck>();
        services.AddSingleton<SessionRevoker>();
        services.AddSingleton<Core.Revocation.IRoleSessionRevoker>(sp => sp.GetRequiredService<SessionRevoker>());
        services.AddHostedService<SessionLengthReport>();

        services.AddHttpClient<CognitoIdentityClient>()
            .RemoveAllLoggers()
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("aws-cognito", (pipeline, context) => AddRetryAndTimeout(
                pipeline, context.ServiceProvider, args => ValueTask.FromResult(CognitoRetry.ShouldRetry(args.Outcome))));
        services.AddHttpClient<IamClient>()
            .RemoveAllLoggers()
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("aws-iam", (pipeline, context) => AddRetryAndTimeout(pipeline, context.ServiceProvider, args => IamRetry.ShouldRetryAsync(args.Outcome)));
        services.AddHttpClient<FederationClient>()
            .RemoveAllLoggers()
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("aws-federation", (pipeline, context) => AddRetryAndTimeout(
                pipeline, context.ServiceProvider, args => ValueTask.FromResult(FederationRetry.ShouldRetry(args.Outcome))));

        services.AddSingleton(Status(configuration));
        return services;
    }

    private static void AddRetryAndTimeout(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        IServiceProvider services,
        Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> shouldRetry)
    {
        var timeout = services.GetRequiredService<IOptions<AwsOptions>>().Value.Timeout;
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = shouldRetry,
            })
            .AddTimeout(timeout);
    }

    private static RoomStatus Status(IConfiguration configuration)
    {
        var profiles = configuration.GetSection("Profiles").GetChildren().Count();
        var aws = configuration.GetSection(AwsOptions.Section);
        var where = $"partition {aws[nameof(AwsOptions.Partition)] ?? "aws"}, region {aws[nameof(AwsOptions.Region)] ?? "us-east-1"}";
        return profiles == 0
            ? new RoomStatus("Aws", false, $"no Profiles configured ({where})")
            : new RoomStatus("Aws", true, $"{profiles} profile(s), {where}; broker credentials from the AWS SDK chain unless the host registers AWSCredentials");
    }
}
