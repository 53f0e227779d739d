using System.Net;
using ChatOpsSignin.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class InboundTokenTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> BadTokens =>
    [
        "missing token",
        "not a JWT",
        "expired beyond the 5 minute skew",
        "wrong audience",
        "wrong issuer",
        "key not endorsed for msteams",
        "kid names an endorsed key, an unendorsed key signs",
        "serviceurl claim differs from the activity",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_Token_Gets_401_And_Nothing_Is_Submitted(string why)
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var bad = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-admin");

        var response = await host.PostAsync(bad, BadToken(why, host));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        var good = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(good, host.TokenFor(good))).StatusCode);
        var submitted = await host.Broker.WaitForSubmissionsAsync(1);
        Assert.Equal("prod-readonly", Assert.Single(submitted).Profile);
    }

    [Fact]
    public async Task Key_Endorsed_Only_For_Another_Channel_Is_Refused_Even_When_The_Activity_Claims_That_Channel()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");
        activity["channelId"] = "webchat";

        var response = await host.PostAsync(activity, host.Identity!.MintChannelToken(TeamsTestHost.AppId, host.Connector.ServiceUrl, endorsed: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Activity_From_Another_Channel_Is_Refused_Even_With_A_Teams_Key()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");
        activity["channelId"] = "webchat";

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(activity, host.TokenFor(activity))).StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Rejected_Token_Is_Logged_With_Issuer_Audience_And_Tenant_But_Never_The_Token()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "help");
        var token = host.Identity!.MintEntraToken(TeamsTestHost.AppId, "other-tenant");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(activity, token)).StatusCode);

        var rejected = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.Contains("Rejected a Teams token", StringComparison.Ordinal));
        Assert.Contains("https://login.microsoftonline.com/other-tenant/v2.0", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("aud app-id", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("tid other-tenant", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unauthenticated_Request_Is_Refused_Before_The_Body_Is_Read()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.MessagesUrl.Host, host.MessagesUrl.Port);
        var stream = tcp.GetStream();

        // Announces 200 KB (under the limit) but sends only the headers and a few bytes: a bot that reads the body
        // before the token would wait for the rest, and buffer it.
        var head = $"POST {host.MessagesUrl.AbsolutePath} HTTP/1.1\r\nHost: {host.MessagesUrl.Authority}\r\n" +
            "Authorization: Bearer not-a-jwt\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{\"type\":";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));

        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 401", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_Token_Is_Accepted_And_The_Request_Submitted()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly deploying hotfix");

        var response = await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(await host.Broker.WaitForSubmissionsAsync(1));
        Assert.Equal("teams:tenant-1/aad-alice", request.Requester.Id.Key);
        Assert.Equal("deploying hotfix", request.Reason);
    }

    [Fact]
    public async Task Token_Expired_Within_The_Clock_Skew_Is_Accepted()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");

        var token = host.Identity!.MintChannelToken(TeamsTestHost.AppId, host.Connector.ServiceUrl, expires: time.GetUtcNow().AddMinutes(-4));

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity, token)).StatusCode);
    }

    [Fact]
    public async Task Lifetime_Is_Checked_Against_The_Injected_Clock()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");
        var token = host.TokenFor(activity);

        time.Advance(TimeSpan.FromMinutes(66));

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(activity, token)).StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Unknown_Signing_Key_Refreshes_The_Metadata()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "help");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity, host.TokenFor(activity))).StatusCode);

        host.Identity!.RollKeys();
        var response = await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(host.Identity.MetadataRequests >= 2, "the JWKS was not fetched again");
    }

    [Fact]
    public async Task Oversized_Body_Is_Refused()
    {
        await using var host = await TeamsTestHost.StartAsync(time, new() { ["Teams:MaxActivityBytes"] = "2048" });
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly " + new string('x', 4096));

        var response = await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Tenant_Not_Allowed_Is_Refused()
    {
        await using var host = await TeamsTestHost.StartAsync(time, new() { ["Teams:TenantId"] = "other-tenant" });
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");

        var response = await host.PostAsync(activity, host.TokenFor(activity));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    private string? BadToken(string why, TeamsTestHost host)
    {
        var identity = host.Identity!;
        var url = host.Connector.ServiceUrl;
        return why switch
        {
            "missing token" => null,
            "not a JWT" => "not-a-jwt",
            "expired beyond the 5 minute skew" => identity.MintChannelToken(TeamsTestHost.AppId, url, expires: time.GetUtcNow().AddMinutes(-6)),
            "wrong audience" => identity.MintChannelToken("someone-else", url),
            "wrong issuer" => identity.MintChannelToken(TeamsTestHost.AppId, url, issuer: "https://sts.windows.net/evil/"),
            "key not endorsed for msteams" => identity.MintChannelToken(TeamsTestHost.AppId, url, endorsed: false),
            "kid names an endorsed key, an unendorsed key signs" => identity.MintChannelToken(TeamsTestHost.AppId, url, endorsed: false, kid: "endorsed-1"),
            "serviceurl claim differs from the activity" => identity.MintChannelToken(TeamsTestHost.AppId, "https://smba.trafficmanager.net/evil/"),
            _ => throw new ArgumentOutOfRangeException(nameof(why)),
        };
    }
}
