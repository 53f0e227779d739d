using System.Net;
using ChatOpsSignin.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsSignin.StandIns.Teams.BotFrameworkIdentityStandIn;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>
/// The inbound token shapes Microsoft's Teams SDKs (teams.ts, teams.net) accept in 2026, and nothing more: Bot Framework
/// tokens, and for a single-tenant app Entra v1/v2 tokens from its own tenant; audiences App ID, api://botid-, api://.
/// </summary>
public sealed class InboundTokenShapeTests
{
    private const string App = TeamsTestHost.AppId;
    private const string Tenant = TestActivities.Tenant;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Accepted =>
    [
        "Bot Framework token for the App ID",
        "Bot Framework token for api://botid-{appId}",
        "Bot Framework token for api://{appId}",
        "Entra v2 token from the app's tenant",
        "Entra v1 token from the app's tenant",
        "Entra v2 token for api://botid-{appId}",
        "Entra v1 token for api://{appId}",
        "Entra token with a matching serviceurl claim",
    ];

    public static TheoryData<string> Refused =>
    [
        "validly signed Entra v2 token from another tenant",
        "validly signed Entra v1 token from another tenant",
        "Entra token whose tid is another tenant than its issuer",
        "Entra token without tid",
        "Entra token for another app",
        "Entra token for api://botid-{other app}",
        "Entra issuer in another form (no /v2.0)",
        "Entra token with a serviceurl claim that differs from the activity",
        "Entra token expired beyond the skew",
        "Bot Framework issuer signed with an Entra key",
        "Entra issuer signed with a Bot Framework key",
        "Bot Framework token for api://botid-{other app}",
    ];

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Accepted_Token_Shape_Is_Processed(string shape)
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");

        var response = await host.PostAsync(activity, Mint(shape, host));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{shape}: {response.StatusCode}");
        Assert.Equal("prod-readonly", Assert.Single(await host.Broker.WaitForSubmissionsAsync(1)).Profile);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_Token_Shape_Gets_401_And_Nothing_Is_Submitted(string shape)
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "console prod-readonly");

        var response = await host.PostAsync(activity, Mint(shape, host));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{shape}: {response.StatusCode}");
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Entra_Token_For_A_Bot_Without_The_Tenant_Of_The_Token_Never_Fetches_That_Tenants_Keys()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "help");

        await host.PostAsync(activity, host.Identity!.MintEntraToken(App, "evil-tenant"));

        Assert.Equal(0, host.Identity.EntraMetadataRequests);
    }

    private string Mint(string shape, TeamsTestHost host)
    {
        var identity = host.Identity!;
        var url = host.Connector.ServiceUrl;
        return shape switch
        {
            "Bot Framework token for the App ID" => identity.MintChannelToken(App, url),
            "Bot Framework token for api://botid-{appId}" => identity.MintChannelToken($"api://botid-{App}", url),
            "Bot Framework token for api://{appId}" => identity.MintChannelToken($"api://{App}", url),
            "Entra v2 token from the app's tenant" => identity.MintEntraToken(App, Tenant),
            "Entra v1 token from the app's tenant" => identity.MintEntraToken(App, Tenant, EntraVersion.V1),
            "Entra v2 token for api://botid-{appId}" => identity.MintEntraToken($"api://botid-{App}", Tenant),
            "Entra v1 token for api://{appId}" => identity.MintEntraToken($"api://{App}", Tenant, EntraVersion.V1),
            "Entra token with a matching serviceurl claim" => identity.MintEntraToken(App, Tenant, serviceUrl: url),
            "validly signed Entra v2 token from another tenant" => identity.MintEntraToken(App, "other-tenant"),
            "validly signed Entra v1 token from another tenant" => identity.MintEntraToken(App, "other-tenant", EntraVersion.V1),
            "Entra token whose tid is another tenant than its issuer" => identity.MintEntraToken(App, Tenant, tid: "other-tenant"),
            "Entra token without tid" => identity.MintEntraToken(App, Tenant, tid: string.Empty),
            "Entra token for another app" => identity.MintEntraToken("other-app", Tenant),
            "Entra token for api://botid-{other app}" => identity.MintEntraToken("api://botid-other-app", Tenant),
            "Entra issuer in another form (no /v2.0)" =>
                identity.MintChannelToken(App, url, issuer: $"https://login.microsoftonline.com/{Tenant}/", signedByEntra: true),
            "Entra token with a serviceurl claim that differs from the activity" =>
                identity.MintEntraToken(App, Tenant, serviceUrl: "https://smba.trafficmanager.net/evil/"),
            "Entra token expired beyond the skew" => identity.MintEntraToken(App, Tenant, expires: time.GetUtcNow().AddMinutes(-6)),
            "Bot Framework issuer signed with an Entra key" => identity.MintChannelToken(App, url, signedByEntra: true),
            "Entra issuer signed with a Bot Framework key" => identity.MintChannelToken(App, url, issuer: EntraIssuer(Tenant, EntraVersion.V2)),
            "Bot Framework token for api://botid-{other app}" => identity.MintChannelToken("api://botid-other-app", url),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }
}
