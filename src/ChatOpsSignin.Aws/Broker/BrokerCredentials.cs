using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Broker;

/// <summary>
/// The bot's own credentials: an <see cref="AWSCredentials"/> registered in DI wins (tests, custom set-ups), else the
/// AWS SDK v4 default chain (environment, profiles, container and instance roles). A session token means temporary
/// credentials, i.e. role chaining for AssumeRole (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining).
/// </summary>
public sealed partial class BrokerCredentials(IServiceProvider services, IOptions<AwsOptions> options, ILogger<BrokerCredentials> logger)
{
    private readonly Lock gate = new();
    private AWSCredentials? resolved;
    private string source = string.Empty;

    public async Task<Outcome<BrokerSession>> ResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credentials = Credentials();
            var current = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken);
            var temporary = options.Value.BrokerCredentials switch
            {
                BrokerCredentialKind.LongTerm => false,
                BrokerCredentialKind.Temporary => true,
                _ => current.UseToken,
            };
            return new BrokerSession(credentials, temporary, source);
        }
        catch (AmazonClientException exception)
        {
            Log.Unresolved(logger, exception.GetType().Name);
            return AwsFailures.BrokerCredentialsMissing(exception.Message);
        }
    }

    /// <summary>True only when the broker holds long-term keys; false when they are temporary or cannot be resolved.</summary>
    public async Task<bool> IsLongTermAsync(CancellationToken cancellationToken)
    {
        var session = await ResolveAsync(cancellationToken);
        return session.Succeeded && !session.Value.IsTemporary;
    }

    private AWSCredentials Credentials()
    {
        lock (gate)
        {
            if (resolved is null)
            {
                var configured = services.GetService<AWSCredentials>();
                source = configured is null ? "AWS SDK default chain" : "dependency injection";
                resolved = configured ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }

            return resolved;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The broker's AWS credentials could not be resolved ({ExceptionType}).")]
        public static partial void Unresolved(ILogger logger, string exceptionType);
    }
}
