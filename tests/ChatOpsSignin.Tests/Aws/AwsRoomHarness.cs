using Amazon.Runtime;
using ChatOpsSignin.Aws;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>The Aws room wired as the host wires it, talking to a real <see cref="AwsStandIn"/> over loopback.</summary>
internal sealed class AwsRoomHarness : IAsyncDisposable
{
    public const string ReadOnlyRole = "arn:aws:iam::111122223333:role/ReadOnly";
    public const string ExternalId = "ext-123";
    public const string GuestPool = "us-east-1:0000aaaa-1111-2222-3333-444455556666";
    public const string DeveloperPool = "us-east-1:0000bbbb-1111-2222-3333-444455556666";
    public const string CognitoRole = "arn:aws:iam::111122223333:role/CognitoUsers";
    public const string DeveloperProvider = "login.chatops";

    public static readonly ChatUser Jane = new(ChatUserId.Slack("T0123", "U0456"), "Jane Doe");

    private readonly ServiceProvider services;

    private AwsRoomHarness(AwsStandIn standIn, ServiceProvider services, FakeLoggerProvider logs, StandInSessionKeys? temporaryKeys)
    {
        StandIn = standIn;
        this.services = services;
        Logs = logs;
        TemporaryKeys = temporaryKeys;
    }

    public AwsStandIn StandIn { get; }

    public FakeLoggerProvider Logs { get; }

    public StandInSessionKeys? TemporaryKeys { get; }

    public IServiceProvider Services => services;

    public IConsoleLinkFactory Links => services.GetRequiredService<IConsoleLinkFactory>();

    public ProfileCheck Check => services.GetRequiredService<ProfileCheck>();

    public static Dictionary<string, string?> Profiles() => new()
    {
        ["Profiles:prod-readonly:Method"] = "AssumeRole",
        ["Profiles:prod-readonly:RoleArn"] = ReadOnlyRole,
        ["Profiles:prod-readonly:ExternalId"] = ExternalId,
        ["Profiles:prod-readonly:SessionDuration"] = "04:00:00",
        ["Profiles:prod-readonly:Region"] = "eu-west-1",
        ["Profiles:prod-readonly:Destination"] = "cloudwatch",
        ["Profiles:prod-readonly:Allow:0"] = "slack:T0123/U0456",
        ["Profiles:prod-readonly:Tags:cost-center"] = "ops",
        ["Profiles:federated:Method"] = "FederationToken",
        ["Profiles:federated:Policy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:List*","Resource":"*"}]}""",
        ["Profiles:federated:SessionDuration"] = "02:00:00",
        ["Profiles:federated:Allow:0"] = "slack:T0123/U0456",
        ["Profiles:cognito-guest:Method"] = "Cognito",
        ["Profiles:cognito-guest:IdentityPoolId"] = GuestPool,
        ["Profiles:cognito-guest:RoleArn"] = CognitoRole,
        ["Profiles:cognito-guest:AllowGuestIdentities"] = "true",
        ["Profiles:cognito-guest:Allow:0"] = "slack:T0123/U0456",
        ["Profiles:cognito-dev:Method"] = "Cognito",
        ["Profiles:cognito-dev:IdentityPoolId"] = DeveloperPool,
        ["Profiles:cognito-dev:DeveloperProviderName"] = DeveloperProvider,
        ["Profiles:cognito-dev:RoleArn"] = "arn:aws:iam::111122223333:role/CognitoDevelopers",
        ["Profiles:cognito-dev:SessionDuration"] = "08:00:00",
        ["Profiles:cognito-dev:Allow:0"] = "slack:T0123/U0456",
    };

    /// <param name="temporaryBroker">The broker runs on role-session credentials (role chaining) instead of IAM user keys.</param>
    public static async Task<AwsRoomHarness> StartAsync(
        bool temporaryBroker = false, TimeProvider? time = null, Action<Dictionary<string, string?>>? configure = null, Func<AwsStandIn, AWSCredentials>? credentials = null)
    {
        var clock = time ?? TimeProvider.System;
        var standIn = await AwsStandIn.StartAsync(clock);
        standIn.AddRole(ReadOnlyRole, ExternalId, TimeSpan.FromHours(12));
        standIn.AddRole(CognitoRole, trustedIdentityPool: GuestPool);
        standIn.AddRole("arn:aws:iam::111122223333:role/CognitoDevelopers", trustedIdentityPool: DeveloperPool);
        standIn.AddIdentityPool(GuestPool);
        standIn.AddIdentityPool(DeveloperPool, DeveloperProvider, allowGuests: false);
        var temporary = temporaryBroker ? standIn.AddTemporaryBrokerKeys() : null;

        var settings = Profiles();
        settings["Aws:Region"] = "us-east-1";
        settings["Aws:StsServiceUrl"] = standIn.StsUrl.AbsoluteUri;
        settings["Aws:CognitoServiceUrl"] = standIn.CognitoUrl.AbsoluteUri;
        settings["Aws:FederationUrl"] = standIn.FederationUrl.AbsoluteUri;
        settings["Aws:IamServiceUrl"] = standIn.IamUrl.AbsoluteUri;
        settings["Aws:Issuer"] = "https://chatops.example.com/";
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var logs = new FakeLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton(clock);
        collection.AddSingleton<AWSCredentials>(credentials?.Invoke(standIn) ?? (temporary is null
            ? new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey)
            : new SessionAWSCredentials(temporary.AccessKeyId, temporary.SecretAccessKey, temporary.SessionToken)));
        collection.AddOptions<SigninOptions>().Bind(configuration);
        collection.AddAwsRoom(configuration);
        return new AwsRoomHarness(standIn, collection.BuildServiceProvider(), logs, temporary);
    }

    public static CredentialRequest Request(string profileName, ProfileOptions profile, ChatUser? user = null, SessionIdentity? session = null)
    {
        var requester = user ?? Jane;
        var request = new SigninRequest(RequestId.New(), requester, profileName, "incident 42", "{}", DateTimeOffset.UnixEpoch);
        return new CredentialRequest(request, profileName, profile, session ?? SessionNames.For(requester),
            SessionTags.For(requester, null, profile), null);
    }

    public ProfileOptions Profile(string name) => services.GetRequiredService<IOptions<SigninOptions>>().Value.Profiles[name];

    public Task<Outcome<IssuedCredentials>> IssueAsync(string profileName, SessionIdentity? session = null)
    {
        var profile = Profile(profileName);
        var issuer = services.GetServices<ICredentialIssuer>().Single(i => i.Method == profile.Method);
        return issuer.IssueAsync(Request(profileName, profile, session: session), CancellationToken.None);
    }

    public async Task<(IssuedCredentials Credentials, ConsoleLink Link)> SignInAsync(string profileName)
    {
        var issued = await IssueAsync(profileName);
        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        var link = await Links.CreateAsync(issued.Value, profileName, Profile(profileName), CancellationToken.None);
        Assert.True(link.Succeeded, link.Failure?.AdminMessage);
        return (issued.Value, link.Value);
    }

    /// <summary>Opens the link like a browser would, without following the redirect.</summary>
    public static async Task<HttpResponseMessage> OpenAsync(ConsoleLink link)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        return await http.GetAsync(link.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
