using Amazon.Runtime;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Slack;
using ChatOpsSignin.Tests.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Tests.Hosting;

/// <summary>
/// The real host (Program.cs) with Slack on (stand-in), AWS on (stand-in, one profile without approval), and a real
/// SQLite file in a folder of its own, so a test can take the store away and give it back.
/// </summary>
internal sealed class OpsHost : IAsyncDisposable
{
    public const string Profile = "ops-readonly"; // no other test host uses it: its samples are this host's
    public const string RoleArn = "arn:aws:iam::111122223333:role/ReadOnly";

    private readonly string root = Directory.CreateTempSubdirectory("chatops-ops-").FullName;

    private OpsHost(SlackStandIn slack, AwsStandIn aws)
    {
        Slack = slack;
        Aws = aws;
        StoreFolder = Path.Combine(root, "store");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in SlackServices.Settings(slack))
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("Storage:SqlitePath", Path.Combine(StoreFolder, "bot.db"));
            web.UseSetting("Aws:Region", "us-east-1");
            web.UseSetting("Aws:StsServiceUrl", aws.StsUrl.AbsoluteUri);
            web.UseSetting("Aws:FederationUrl", aws.FederationUrl.AbsoluteUri);
            web.UseSetting("Aws:Issuer", "https://chatops.example.com/");
            web.UseSetting($"Profiles:{Profile}:RoleArn", RoleArn);
            web.UseSetting($"Profiles:{Profile}:Allow:0", $"slack:{SlackStandIn.TeamId}/{SlackSamples.Requester}");
            web.ConfigureServices(services =>
                services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.BrokerAccessKeyId, aws.BrokerSecretAccessKey)));
        });
    }

    public SlackStandIn Slack { get; }

    public AwsStandIn Aws { get; }

    public string StoreFolder { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<OpsHost> StartAsync()
    {
        var slack = await SlackStandIn.StartAsync();
        slack.AddUser(SlackSamples.Requester, "road.runner");
        var aws = await AwsStandIn.StartAsync();
        aws.AddRole(RoleArn);
        return new OpsHost(slack, aws);
    }

    public HttpClient SignedClient() =>
        Factory.CreateDefaultClient(new SlackRequestSigner(SlackServices.SigningSecret, TimeProvider.System));

    public Task<HttpResponseMessage> SlashCommandAsync(HttpClient client, string text) => client.PostAsync(
        "/slack/commands",
        SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, text, Slack.NewResponseUrl())));

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        await Aws.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
