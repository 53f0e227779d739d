using System.Diagnostics;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Crash;

/// <summary>
/// One bot "machine" for the crash tests: the Slack and AWS stand-ins in this process, a SQLite file in a temp folder,
/// and the bot as a separate process that the test kills and starts again on that file.
/// </summary>
internal sealed class CrashRig : IAsyncDisposable
{
    public const string SigningSecret = "crash-signing-secret-0123456789abcdef";
    public const string Requester = "U0REQUESTER";
    public const string Lead = "U0LEAD";
    public const string ApprovalChannel = "C0APPROVALS";
    public const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private readonly string folder = Directory.CreateTempSubdirectory("chatops-crash-").FullName;
    private readonly List<BotProcess> bots = [];

    private CrashRig(AwsStandIn aws, SlackStandIn slack)
    {
        Aws = aws;
        Slack = slack;
    }

    public AwsStandIn Aws { get; }

    public SlackStandIn Slack { get; }

    public BotProcess Bot => bots[^1];

    public static async Task<CrashRig> StartAsync()
    {
        var aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        var slack = await SlackStandIn.StartAsync();
        slack.AddUser(Requester, "road.runner");
        slack.AddUser(Lead, "wile.e");
        slack.AddChannel(ApprovalChannel);
        var rig = new CrashRig(aws, slack);
        await rig.StartBotAsync();
        return rig;
    }

    public static string Key(string user) => $"slack:{SlackStandIn.TeamId}/{user}";

    public async Task StartBotAsync(TimeSpan? clockOffset = null) => bots.Add(await BotProcess.StartAsync(Settings(), clockOffset));

    /// <summary>SIGKILL the running bot, then start a new one on the same store.</summary>
    public async Task KillAndRestartAsync(TimeSpan? clockOffset = null)
    {
        await Bot.KillAsync();
        await StartBotAsync(clockOffset);
    }

    public HttpClient SignedClient() => new(new SlackRequestSigner(SigningSecret, TimeProvider.System) { InnerHandler = new HttpClientHandler() })
    {
        BaseAddress = Bot.BaseAddress,
    };

    public async Task<HttpResponseMessage> CommandAsync(string text, string user = Requester)
    {
        using var client = SignedClient();
        return await client.PostAsync(
            "slack/commands", SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, user, text, Slack.NewResponseUrl())));
    }

    public async Task<HttpResponseMessage> ClickAsync(string user, string action, string requestId)
    {
        using var client = SignedClient();
        return await client.PostAsync(
            "slack/interactivity",
            SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, "wile.e", action, requestId, Slack.NewResponseUrl())));
    }

    /// <summary>Messages in the requester's DM that carry a sign-in link (the URL with its SigninToken).</summary>
    public IReadOnlyList<SlackPostedMessage> LinkMessages() =>
        Slack.MessagesIn(SlackStandIn.DirectMessageChannel(Requester))
            .Where(m => m.BlocksJson.Contains("SigninToken=", StringComparison.Ordinal) || m.History.Any(h => h.Blocks?.Contains("SigninToken=", StringComparison.Ordinal) == true))
            .ToList();

    public IReadOnlyList<SlackPostedMessage> Prompts() => Slack.MessagesIn(ApprovalChannel);

    public Task WaitForHangAsync() => Slack.WaitForAsync(s => s.Hanging > 0 ? "hanging" : null, Wait);

    /// <summary>Polls (the AWS stand-in has no signal) until <paramref name="done"/> holds.</summary>
    public async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > Wait)
            {
                throw new TimeoutException($"Waited {Wait} for {what}. Bot output:\n{Bot.Output}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in bots)
        {
            await bot.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await Aws.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Aws:Region"] = "us-east-1",
        ["Aws:StsServiceUrl"] = Aws.StsUrl.AbsoluteUri,
        ["Aws:CognitoServiceUrl"] = Aws.CognitoUrl.AbsoluteUri,
        ["Aws:FederationUrl"] = Aws.FederationUrl.AbsoluteUri,
        ["Aws:Issuer"] = "https://chatops.example.com/",
        ["AWS_ACCESS_KEY_ID"] = Aws.BrokerAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = Aws.BrokerSecretAccessKey,
        ["Storage:SqlitePath"] = Path.Combine(folder, "bot.db"),
        ["Work:LeaseDuration"] = "00:00:05",
        ["Work:PollInterval"] = "00:00:00.200",
        ["Slack:BotToken"] = SlackStandIn.BotToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.AbsoluteUri,
        ["Profiles:dev:RoleArn"] = Role,
        ["Profiles:dev:Allow:0"] = Key(Requester),
        ["Profiles:prod:RoleArn"] = Role,
        ["Profiles:prod:Allow:0"] = Key(Requester),
        ["Profiles:prod:Approval:Approvers:0"] = Key(Lead),
        ["Profiles:prod:Approval:SlackChannel"] = ApprovalChannel,
    };
}
