using ChatOpsSignin.Core;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>
/// One bot replica: the real core and the real SQLite store on a shared file, with the chat and AWS ports recorded.
/// Two harnesses on one file behave like two replicas (or a bot before and after a restart).
/// </summary>
internal sealed class CoreHarness : IAsyncDisposable
{
    public const string Requester = "slack:T1/U1";
    public const string Lead = "slack:T1/U9";
    public const string OtherLead = "slack:T1/U8";
    public const string Outsider = "slack:T1/U5";

    private readonly ServiceProvider provider;

    /// <param name="services">Extra registrations after the core's (e.g. a recording revoker).</param>
    public CoreHarness(string databasePath, FakeTimeProvider time, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = databasePath,
            ["Groups:leads:0"] = Lead,
            ["Groups:leads:1"] = OtherLead,
            ["Profiles:dev:RoleArn"] = "arn:aws:iam::111122223333:role/Dev",
            ["Profiles:dev:Allow:0"] = Requester,
            ["Profiles:prod:RoleArn"] = "arn:aws:iam::111122223333:role/Prod",
            ["Profiles:prod:Allow:0"] = Requester,
            ["Profiles:prod:Allow:1"] = "group:leads",
            ["Profiles:prod:Approval:Approvers:0"] = "group:leads",
            ["Profiles:prod:Approval:SlackChannel"] = "C0APPROVALS",
            ["Profiles:prod:Approval:Timeout"] = "00:30:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Configuration = configuration;
        Time = time;
        Aws = new ScriptedAws(time);
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSigninCore(configuration)
            .AddStorageRoom(configuration)
            .AddSingleton<IChatDelivery>(Delivery)
            .AddSingleton<ICredentialIssuer>(Aws)
            .AddSingleton<IConsoleLinkFactory>(Aws);
        services?.Invoke(collection);
        provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The configuration the harness was built from: set keys, then <c>Reload()</c>, to test reload without restart.</summary>
    public IConfigurationRoot Configuration { get; }

    public RecordingDelivery Delivery { get; } = new();

    public ScriptedAws Aws { get; }

    public ISigninBroker Broker => provider.GetRequiredService<ISigninBroker>();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public SigninRequest NewRequest(string profile, string requester = Requester, string handle = "alice") =>
        new(RequestId.New(), User(requester, handle), profile, "deploy hotfix", """{"channel":"C1"}""", Time.GetUtcNow());

    public static ChatOpsSignin.Core.Identity.ChatUser User(string key, string handle = "someone") =>
        new(ChatOpsSignin.Core.Identity.ChatUserId.Parse(key), handle);

    /// <summary>Submits and runs the work to completion, as the pump would.</summary>
    public async Task SubmitAndRunAsync(SigninRequest request)
    {
        Assert.Equal(SubmitResult.Accepted, await Broker.SubmitAsync(request, CancellationToken.None));
        await RunQueuedAsync();
    }

    /// <summary>Runs what this replica accepted, then whatever is due in the store, until nothing is due now.</summary>
    public async Task RunQueuedAsync()
    {
        var pump = Get<WorkPump>();
        var driver = Get<RequestDriver>();
        while (pump.TryTakeReady(out var ready))
        {
            await RunAsync(pump, driver, ready);
        }

        var now = Time.GetUtcNow();
        foreach (var leased in await Get<IWorkStore>().LeaseDueAsync(pump.Owner, now, now.AddMinutes(1), 1000, CancellationToken.None))
        {
            await driver.RunAsync(leased, CancellationToken.None);
        }
    }

    private static async Task RunAsync(WorkPump pump, RequestDriver driver, LeasedWork leased)
    {
        try
        {
            await driver.RunAsync(leased, CancellationToken.None);
        }
        finally
        {
            pump.Unreserve();
        }
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
