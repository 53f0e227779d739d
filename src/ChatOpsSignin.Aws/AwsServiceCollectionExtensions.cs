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

        AddAwsClient<StsClient>(services, "aws-sts", StsRetry.ShouldRetryAsync);
        AddAwsClient<CognitoIdentityClient>(services, "aws-cognito", outcome => ValueTask.FromResult(CognitoRetry.ShouldRetry(outcome)));
        AddAwsClient<IamClient>(services, "aws-iam", IamRetry.ShouldRetryAsync);
        AddAwsClient<FederationClient>(services, "aws-federation", outcome => ValueTask.FromResult(FederationRetry.ShouldRetry(outcome)));

        services.AddSingleton(Status(configuration));
        return services;
    }

    /// <summary>
    /// A typed AWS client: no HttpClient logging (bodies carry tokens, answers carry secrets), bounded retries of what
    /// <paramref name="shouldRetry"/> allows, and Aws:Timeout per attempt.
    /// </summary>
    private static void AddAwsClient<TClient>(IServiceCollection services, string name, Func<Outcome<HttpResponseMessage>, ValueTask<bool>> shouldRetry)
        where TClient : class =>
        services.AddHttpClient<TClient>()
            .RemoveAllLoggers()
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (pipeline, context) => AddRetryAndTimeout(pipeline, context.ServiceProvider, args => shouldRetry(args.Outcome)));

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
