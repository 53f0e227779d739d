using System.Net;
using System.Text.Json;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Tests.Hosting;

/// <summary>/healthz/ready through the real host: a real store taken away (its folder moved) and given back.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private OpsHost host = null!;

    public async Task InitializeAsync() => host = await OpsHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Ready_Names_Each_Dependency_When_All_Answer()
    {
        using var client = host.Factory.CreateClient();

        var (status, checks, _) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", checks["store"]);
        Assert.Equal("ok", checks["slack"]);
        Assert.Equal("off", checks["teams"]);
        Assert.Equal("ok", checks["aws"]);
        Assert.Equal(1, host.Slack.CallCount("auth.test"));
    }

    [Fact]
    public async Task Slack_Auth_Test_Is_Cached_Between_Probes()
    {
        using var client = host.Factory.CreateClient();

        await ReadyAsync(client);
        await ReadyAsync(client);
        await ReadyAsync(client);

        Assert.Equal(1, host.Slack.CallCount("auth.test"));
    }

    [Fact]
    public async Task Readiness_Turns_503_While_The_Store_Is_Unreachable_And_200_When_It_Returns()
    {
        using var client = host.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(client)).Status);

        var away = host.StoreFolder + ".away";
        Directory.Move(host.StoreFolder, away);
        SqliteConnection.ClearAllPools(); // open pooled handles would still reach the moved file
        var (down, checks, body) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.StartsWith("down: ", checks["store"], StringComparison.Ordinal);
        Assert.Equal("ok", checks["slack"]);
        Assert.Contains("\"status\":\"unhealthy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackStandIn.BotToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.StoreFolder, body, StringComparison.Ordinal);

        Directory.Move(away, host.StoreFolder);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(client)).Status);
    }

    [Fact]
    public async Task A_Slack_Command_Gets_503_Not_An_Ack_While_The_Store_Is_Unreachable()
    {
        using var client = host.SignedClient();
        var away = host.StoreFolder + ".away";
        Directory.Move(host.StoreFolder, away);
        SqliteConnection.ClearAllPools();

        using var response = await host.SlashCommandAsync(client, OpsHost.Profile + " INC-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("try again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Directory.Move(away, host.StoreFolder);
    }

    [Fact]
    public async Task Live_Answers_Without_Asking_Anyone()
    {
        using var client = host.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(0, host.Slack.CallCount("auth.test"));
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks, string Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz/ready");
        var body = await response.Content.ReadAsStringAsync();
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return (response.StatusCode, checks, body);
    }
}
