using System.Net;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Slack;

/// <summary><c>/aws-console &lt;profile&gt; -s … -r …</c> over loopback: the federation login lands where it was asked, or it is refused.</summary>
public sealed class SlackDeepLinkTests : IAsyncLifetime
{
    private const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    private const string Requester = "U0REQUESTER";
    private const string Role = "arn:aws:iam::111122223333:role/ReadOnly";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private AwsStandIn aws = null!;
    private SlackStandIn slack = null!;
    private BotHost bot = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(Role);
        slack = await SlackStandIn.StartAsync(time);
        slack.AddUser(Requester, "road.runner");
        bot = new BotHost(aws, time, new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Profiles:ops:RoleArn"] = Role,
            ["Profiles:ops:Region"] = "eu-west-1",
            ["Profiles:ops:Destination"] = "cloudwatch",
            ["Profiles:ops:Services:0"] = "ec2",
            ["Profiles:ops:Services:1"] = "dynamodb",
            ["Profiles:ops:Allow:0"] = $"slack:{SlackStandIn.TeamId}/{Requester}",
        });
        bot.StartServer();
        client = new HttpClient(new SlackRequestSigner(SigningSecret, time) { InnerHandler = new HttpClientHandler() }) { BaseAddress = bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        await aws.DisposeAsync();
    }

    [Theory]
    [InlineData("ops -s ec2 -r us-east-1 INC-7", "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1")]
    [InlineData("ops --service ddb", "https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1")]
    public async Task The_Console_Opens_On_The_Service_And_Region_Asked(string text, string destination)
    {
        using var ack = await Command(text, slack.NewResponseUrl());

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var dm = await slack.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)) is [var m, ..] ? m : null, Wait);
        var login = await ConsoleBrowser.SignInAsync(aws, Assert.Single(SigninLinks.In(dm.Blocks)));
        Assert.Equal(destination, login.Destination);
    }

    [Theory]
    [InlineData("ops -s s3", "Valid: ec2, dynamodb.")]
    [InlineData("ops -r eu-west-9", "Valid: us-east-1, us-east-2")]
    public async Task A_Service_Or_Region_Not_Allowed_Is_Refused_With_The_Valid_Ones(string text, string valid)
    {
        var responseUrl = slack.NewResponseUrl();

        using var ack = await Command(text, responseUrl);

        var answer = await slack.WaitForAsync(s => s.ResponsesTo(responseUrl).FirstOrDefault(r => r.Text?.Contains("Valid:", StringComparison.Ordinal) == true), Wait);
        Assert.Contains(valid, answer.Text!, StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));
        Assert.Empty(slack.MessagesIn(SlackStandIn.DirectMessageChannel(Requester)));
    }

    private Task<HttpResponseMessage> Command(string text, Uri responseUrl) =>
        client.PostAsync(
            new Uri("/slack/commands", UriKind.Relative),
            SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, Requester, text, responseUrl, channelId: "C0GENERAL")));
}
