using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Aws;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Benchmarks;

/// <summary>
/// One STS AssumeRole as a sign-in makes it (SigV4, session tags, SourceIdentity, ExternalId), through the Aws room wired
/// as the host wires it, against the strict AWS stand-in on loopback in this process. The stand-in's own work (SigV4
/// verification, STS rules) is in every figure, so a change of the client shows as a difference, not as a ratio.
/// </summary>
[MemoryDiagnoser]
public class AssumeRoleBenchmarks
{
    private const string Role = "arn:aws:iam::111122223333:role/BenchReadOnly";
    private static readonly ChatUser Jane = new(ChatUserId.Slack("T0BENCH001", "U0000000001"), "Jane Doe");

    private AwsStandIn standIn = null!;
    private ServiceProvider services = null!;
    private ICredentialIssuer issuer = null!;
    private ProfileOptions profile = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        standIn = await AwsStandIn.StartAsync();
        standIn.AddRole(Role, "ext-123", TimeSpan.FromHours(12));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Aws:StsServiceUrl"] = standIn.StsUrl.AbsoluteUri,
            ["Aws:FederationUrl"] = standIn.FederationUrl.AbsoluteUri,
            ["Aws:Issuer"] = "https://chatops.bench.invalid/",
            ["Profiles:prod-readonly:Method"] = "AssumeRole",
            ["Profiles:prod-readonly:RoleArn"] = Role,
            ["Profiles:prod-readonly:ExternalId"] = "ext-123",
            ["Profiles:prod-readonly:Allow:0"] = "slack:T0BENCH001/*",
            ["Profiles:prod-readonly:Tags:cost-center"] = "ops",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<AWSCredentials>(new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey));
        collection.AddOptions<SigninOptions>().Bind(configuration);
        collection.AddAwsRoom(configuration);
        services = collection.BuildServiceProvider();
        profile = services.GetRequiredService<IOptions<SigninOptions>>().Value.Profiles["prod-readonly"];
        issuer = services.GetServices<ICredentialIssuer>().Single(i => i.Method == SigninMethod.AssumeRole);
        await AssumeRole();
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await services.DisposeAsync();
        await standIn.DisposeAsync();
    }

    [Benchmark]
    public async Task AssumeRole()
    {
        var request = new SigninRequest(RequestId.New(), Jane, "prod-readonly", "incident 42", "{}", DateTimeOffset.UnixEpoch);
        var credentials = new CredentialRequest(request, "prod-readonly", profile, SessionNames.For(Jane), SessionTags.For(Jane, null, profile), null);
        var issued = await issuer.IssueAsync(credentials, CancellationToken.None);
        if (!issued.Succeeded)
        {
            throw new InvalidOperationException(issued.Failure.AdminMessage);
        }
    }
}
