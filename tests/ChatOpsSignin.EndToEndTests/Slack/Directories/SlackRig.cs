using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Slack.Directories;

/// <summary>
/// One Slack workspace over loopback for the directory and revoke scenarios: the Slack stand-in (users, user groups,
/// subteam events), the AWS stand-in and the real bot on a fake clock that starts at the real now. Requests are signed.
/// </summary>
internal sealed class SlackRig : IAsyncDisposable
{
    public const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    public const string AdminRole = "arn:aws:iam::111122223333:role/Admin";
    public const string ApprovalChannel = "C0APPROVALS";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly HttpClient client;

    private SlackRig(FakeTimeProvider time, AwsStandIn aws, SlackStandIn slack, BotHost bot)
    {
        Time = time;
        Aws = aws;
        Slack = slack;
        Bot = bot;
        client = new HttpClient(new SlackRequestSigner(SigningSecret, time) { InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
    }

    public FakeTimeProvider Time { get; }

    public AwsStandIn Aws { get; }

    public SlackStandIn Slack { get; }

    public BotHost Bot { get; }

    /// <summary>The signed client, for requests the helpers below do not make.</summary>
    public HttpClient Client => client;

    /// <param name="users">Workspace members (id → name).</param>
    /// <param name="settings">Groups and Profiles; the Slack and AWS wiring is added.</param>
    /// <param name="configFile">A JSON file with more configuration, watched for changes (reload without restart).</param>
    /// <param name="role">The role the AWS stand-in knows.</param>
    /// <param name="awsOnBotClock">
    /// The AWS stand-in checks signatures against the bot's fake clock, which the bot signs every AWS call with. Without it
    /// the stand-in keeps the real clock, and the bot's calls fail once its clock has moved more than 5 minutes away.
    /// </param>
    /// <param name="publicLinks">Click-through links: the bot listens on a port known up front, its <c>Links:PublicBaseUrl</c>.</param>
    public static async Task<SlackRig> StartAsync(
        IReadOnlyDictionary<string, string> users,
        IReadOnlyDictionary<string, string?> settings,
        Action<SlackStandIn> arrange,
        string? configFile = null,
        string role = AdminRole,
        bool awsOnBotClock = false,
        bool publicLinks = false)
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var aws = await AwsStandIn.StartAsync(awsOnBotClock ? time : null);
        aws.AddRole(role);
        var slack = await SlackStandIn.StartAsync(time);
        foreach (var (id, name) in users)
        {
            slack.AddUser(id, name);
        }

        slack.AddChannel(ApprovalChannel);
        arrange(slack);
        var port = publicLinks ? LoopbackPorts.Free() : 0;
        var wiring = new Dictionary<string, string?>(settings)
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:RateLimitMaxRetries"] = "0", // retry waits would run on the fake clock
        };
        if (publicLinks)
        {
            wiring["Links:PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        }

        var bot = new BotHost(aws, time, wiring, port, configFile: configFile);
        bot.StartServer();
        return new SlackRig(time, aws, slack, bot);
    }

    public static string Key(string user, string team = SlackStandIn.TeamId) => $"slack:{team}/{user}";

    /// <summary>A slash command; returns its response_url, where the ephemeral answers arrive.</summary>
    public async Task<Uri> CommandAsync(string user, string text, string team = SlackStandIn.TeamId)
    {
        var responseUrl = Slack.NewResponseUrl();
        using var ack = await client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(team, user, text, responseUrl, channelId: "C0GENERAL")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        return responseUrl;
    }

    /// <summary>A button click on the approval prompt; returns the first ephemeral answer to the clicker, if any is sent.</summary>
    public async Task<Uri> ClickAsync(string user, string action, string requestId)
    {
        var responseUrl = Slack.NewResponseUrl();
        using var response = await client.PostAsync(
            new Uri("/slack/interactivity", UriKind.Relative),
            SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, user.ToLowerInvariant(), action, requestId, responseUrl, ApprovalChannel)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return responseUrl;
    }

    /// <summary>Slack's <c>subteam_members_changed</c> event, signed, to <c>/slack/events</c>.</summary>
    public async Task MembersChangedAsync(string userGroup, string[] added, string[] removed)
    {
        var body = SlackStandIn.SubteamMembersChanged(userGroup, added, removed).ToJsonString();
        using var response = await client.PostAsync(new Uri("/slack/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The first ephemeral answer at <paramref name="responseUrl"/> whose text satisfies <paramref name="match"/>.</summary>
    public Task<string> AnswerAsync(Uri responseUrl, Func<string, bool> match) =>
        Slack.WaitForAsync(s => s.ResponsesTo(responseUrl).Select(r => r.Text).FirstOrDefault(t => t is not null && match(t)), Wait);

    public int LinksTo(string user) =>
        Slack.MessagesIn(SlackStandIn.DirectMessageChannel(user)).Count(m => m.Rendered.Contains("federation", StringComparison.Ordinal));

    public Task WaitForLinksAsync(string user, int count) => Slack.WaitForAsync(_ => LinksTo(user) >= count ? this : null, Wait);

    public Task<SlackPostedMessage> PromptAsync() => Slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel) is [var m, ..] ? m : null, Wait);

    public static string RequestIdOf(SlackPostedMessage prompt) =>
        JsonDocument.Parse(prompt.Blocks!.ToJsonString()).RootElement.EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions")
            .GetProperty("elements")[0].GetProperty("value").GetString()!;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
