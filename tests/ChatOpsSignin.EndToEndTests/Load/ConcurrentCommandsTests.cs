using System.Net;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Load;

/// <summary>
/// Correctness under load, not speed: a few hundred signed slash commands at once against the real host, the Slack and
/// AWS stand-ins, with a small backlog so that some are refused as busy. Every command ends with exactly one outcome:
/// a link in the requester's DM, a refusal, or the "busy" ack. Nothing is lost and nothing is doubled.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConcurrentCommandsTests : IAsyncLifetime
{
    private const string SigningSecret = "load-signing-secret-0123456789abcdef";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    private const int Commands = 300;
    private const int Backlog = 24;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        // Slow AWS keeps accepted work in the backlog while the burst arrives, so the backlog bound is reached.
        aws.ResponseDelay = TimeSpan.FromMilliseconds(250);
        slack = await SlackStandIn.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Work:MaxBacklog"] = Backlog.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Work:MaxConcurrency"] = "16",
            ["Profiles:dev:RoleArn"] = Role,
        };
        for (var i = 0; i < Commands; i++)
        {
            slack.AddUser(User(i), $"user{i}");
            if (Allowed(i))
            {
                settings[$"Profiles:dev:Allow:{i / 2}"] = $"slack:{SlackStandIn.TeamId}/{User(i)}";
            }
        }

        bot = new BotHost(aws, TimeProvider.System, settings);
        bot.StartServer();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Every_Command_Gets_Exactly_One_Outcome()
    {
        using var client = new HttpClient(new SlackRequestSigner(SigningSecret, TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = bot.BaseAddress,
        };
        var urls = Enumerable.Range(0, Commands).Select(_ => slack.NewResponseUrl()).ToArray();

        var acks = await Task.WhenAll(Enumerable.Range(0, Commands).Select(async i =>
        {
            var fields = SlackPayloads.SlashCommand(SlackStandIn.TeamId, User(i), "dev load test", urls[i]);
            fields["trigger_id"] = $"{i + 1}.738474920.{i:x20}";
            using var response = await client.PostAsync("slack/commands", SlackPayloads.SlashCommandForm(fields));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(acks, ack => Assert.Equal(HttpStatusCode.OK, ack.StatusCode));
        var busy = Enumerable.Range(0, Commands).Where(i => acks[i].Body.Contains("too busy", StringComparison.Ordinal)).ToHashSet();
        var accepted = Enumerable.Range(0, Commands).Where(i => !busy.Contains(i)).ToList();
        Assert.All(accepted, i => Assert.Contains("received", acks[i].Body, StringComparison.Ordinal));
        Assert.NotEmpty(busy);
        Assert.NotEmpty(accepted);

        // Every accepted command answers once: its link in the DM, or a refusal on its response_url.
        await slack.WaitForAsync(s => accepted.All(i => s.ResponsesTo(urls[i]).Count > 0 || LinkMessages(User(i)) > 0) ? s : null, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate to show up before counting
        foreach (var i in Enumerable.Range(0, Commands))
        {
            var responses = slack.ResponsesTo(urls[i]);
            var links = LinkMessages(User(i));
            if (busy.Contains(i))
            {
                Assert.Empty(responses);
                Assert.Equal(0, links);
            }
            else if (Allowed(i))
            {
                Assert.Empty(responses);
                Assert.Equal(1, links);
            }
            else
            {
                var refusal = Assert.Single(responses);
                Assert.DoesNotContain("SigninToken", refusal.Body.ToJsonString(), StringComparison.Ordinal);
                Assert.Equal(0, links);
            }
        }

        Assert.Equal(accepted.Count(Allowed), aws.Calls("AssumeRole"));
    }

    private static string User(int i) => $"U0LOAD{i:D4}";

    private static bool Allowed(int i) => i % 2 == 0;

    private int LinkMessages(string user) => slack.MessagesIn(SlackStandIn.DirectMessageChannel(user))
        .Count(m => m.BlocksJson.Contains("SigninToken=", StringComparison.Ordinal) || (m.Text ?? string.Empty).Contains("SigninToken=", StringComparison.Ordinal));
}
