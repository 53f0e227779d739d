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
            "serviceurl claim differs from the activity" => identity.MintChannelToken(TeamsTestHost.AppId, "https://smba.trafficmanager.net/evil/"),
            _ => throw new ArgumentOutOfRangeException(nameof(why)),
        };
    }
}
