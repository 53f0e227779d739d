using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// Two replicas of the bot, each its own process (<see cref="BotProcess"/>), on one shared store engine, behind the
/// same Slack and AWS stand-ins in the test process: what a load balancer in front of two hosts would give.
/// The replicas start with <see cref="StartBothAsync"/>.
/// </summary>
internal sealed partial class ReplicaRig : IAsyncDisposable
{
    public const string SigningSecret = "replica-signing-secret-0123456789abcdef";
    public const string Requester = "U0REQUESTER";
    public const string Lead = "U0LEAD";
    public const string OtherLead = "U0OTHERLEAD";
    public const string ApprovalChannel = "C0APPROVALS";
    public const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>Long enough for a duplicate to show: each replica polls its store every 200 ms.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private readonly List<BotProcess> started = [];

    private ReplicaRig(SharedStore store, AwsStandIn aws, SlackStandIn slack)
    {
        Store = store;
        Aws = aws;
        Slack = slack;
    }

    public SharedStore Store { get; }

    public AwsStandIn Aws { get; }

    public SlackStandIn Slack { get; }

    public BotProcess A { get; private set; } = null!;

    public BotProcess B { get; private set; } = null!;

    /// <summary>
    /// <c>Work:LeaseDuration</c> of the replicas started next. A lease is not renewed during a step, so it must outlast
    /// the slowest step of a freshly started process on a busy CI machine; only the kill test wants it short.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public static async Task<ReplicaRig> StartAsync(SharedStore store)
    {
        var aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        var slack = await SlackStandIn.StartAsync();
        slack.AddUser(Requester, "road.runner");
        slack.AddUser(Lead, "wile.e");
        slack.AddUser(OtherLead, "marvin");
        slack.AddChannel(ApprovalChannel);
        return new ReplicaRig(store, aws, slack);
    }

    public static string Key(string user) => $"slack:{SlackStandIn.TeamId}/{user}";

    /// <summary>Starts A and B (again) at once (they migrate the same store concurrently, as a rolling deploy would).</summary>
    public async Task StartBothAsync(TimeSpan? clockOffset = null)
    {
        var a = BotProcess.StartAsync(Settings(), clockOffset);
        var b = BotProcess.StartAsync(Settings(), clockOffset);
        try
        {
            await Task.WhenAll(a, b);
        }
        finally
        {
            started.AddRange(new[] { a, b }.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        (A, B) = (a.Result, b.Result);
    }

    /// <summary>SIGKILL both replicas, then start two new ones on the same store.</summary>
    public async Task KillAndRestartBothAsync(TimeSpan? clockOffset = null)
    {
        await Task.WhenAll(A.KillAsync(), B.KillAsync());
        await StartBothAsync(clockOffset);
    }

    public async Task<HttpResponseMessage> CommandAsync(BotProcess bot, string text, string user = Requester) =>
        await PostAsync(bot, await SignedRequest.CommandAsync(Slack, text, user));

    /// <summary>Posts <paramref name="request"/> to <paramref name="bot"/> exactly as it was signed: the same bytes each time.</summary>
    public static async Task<HttpResponseMessage> PostAsync(BotProcess bot, SignedRequest request)
    {
        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var message = request.ToMessage();
        return await client.SendAsync(message);
    }

    /// <summary>The output of every bot process this rig started, in start order (A, B, then each restart's pair).</summary>
    public string Logs() => string.Join("\n", started.Select((bot, i) => $"----- replica {(i % 2 == 0 ? 'A' : 'B')}, generation {(i / 2) + 1} -----\n{bot.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in started)
        {
            await bot.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await Aws.DisposeAsync();
        await Store.DisposeAsync();
    }

    private Dictionary<string, string> Settings() => new(Store.Settings)
    {
        ["Aws:Region"] = "us-east-1",
        ["Aws:StsServiceUrl"] = Aws.StsUrl.AbsoluteUri,
        ["Aws:CognitoServiceUrl"] = Aws.CognitoUrl.AbsoluteUri,
        ["Aws:FederationUrl"] = Aws.FederationUrl.AbsoluteUri,
        ["Aws:Issuer"] = "https://chatops.example.com/",
        ["AWS_ACCESS_KEY_ID"] = Aws.BrokerAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = Aws.BrokerSecretAccessKey,
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:ChatOpsSignin"] = "Debug",
        ["Work:LeaseDuration"] = LeaseDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Work:PollInterval"] = "00:00:00.200",
        ["Slack:BotToken"] = SlackStandIn.BotToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.AbsoluteUri,
        ["Profiles:dev:RoleArn"] = Role,
        ["Profiles:dev:Allow:0"] = Key(Requester),
        ["Profiles:prod:RoleArn"] = Role,
        ["Profiles:prod:Allow:0"] = Key(Requester),
        ["Profiles:prod:Approval:Approvers:0"] = Key(Lead),
        ["Profiles:prod:Approval:Approvers:1"] = Key(OtherLead),
        ["Profiles:prod:Approval:SlackChannel"] = ApprovalChannel,
    };
}
