using System.Net;
using System.Text;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.StandIns.Slack;
using ChatOpsSignin.Tests.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Directories;

/// <summary><c>slack-usergroup:</c> and <c>slack:&lt;team&gt;/*</c> entries against the Slack stand-in, over HTTP.</summary>
public sealed class SlackDirectoryTests : IAsyncLifetime
{
    private const string Sre = "S0SRE";
    private const string Alice = "U0ALICE";
    private const string Bob = "U0BOB";
    private const string Mallory = "U0MALLORY";

    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private SlackStandIn slack = null!;
    private DirectoryHost host = null!;

    public async Task InitializeAsync()
    {
        slack = await SlackStandIn.StartAsync(time);
        foreach (var user in new[] { Alice, Bob, Mallory })
        {
            slack.AddUser(user, user.ToLowerInvariant());
        }

        slack.SetUserGroup(Sre, Alice, Bob);
        var settings = SlackServices.Settings(slack);
        settings["Slack:RateLimitMaxRetries"] = "0"; // retry waits run on the fake clock; the client's retries have their own tests
        settings["Profiles:sre:RoleArn"] = "arn:aws:iam::111122223333:role/Sre";
        settings["Profiles:sre:Allow:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}";
        settings["Profiles:everyone:RoleArn"] = "arn:aws:iam::111122223333:role/ReadOnly";
        settings["Profiles:everyone:Allow:0"] = $"slack:{SlackStandIn.TeamId}/*";
        settings["Profiles:grouped:RoleArn"] = "arn:aws:iam::111122223333:role/Grouped";
        settings["Profiles:grouped:Allow:0"] = "group:oncall";
        settings["Groups:oncall:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}";
        host = await DirectoryHost.StartAsync(time, settings);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await slack.DisposeAsync();
    }

    private static ChatUserId User(string id, string team = SlackStandIn.TeamId) => ChatUserId.Slack(team, id);

    [Fact]
    public async Task User_Group_Allows_Its_Members_And_Refuses_Everyone_Else()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Alice), "sre"));
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Bob), "grouped"));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Mallory), "sre"));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Alice, "T0OTHER"), "sre"));
        Assert.Equal(1, slack.CallCount("usergroups.users.list"));
    }

    [Fact]
    public async Task Help_Lists_The_Profiles_A_User_Group_Opens()
    {
        var catalog = host.Get<ChatOpsSignin.Core.Profiles.ProfileCatalog>();

        var alice = await catalog.AllowedForAsync(User(Alice), CancellationToken.None);
        var mallory = await catalog.AllowedForAsync(User(Mallory), CancellationToken.None);

        Assert.Equal(["everyone", "grouped", "sre"], alice.Select(p => p.Name));
        Assert.Equal(["everyone"], mallory.Select(p => p.Name));
    }

    [Fact]
    public async Task Check_Expands_The_User_Group_With_Display_Names()
    {
        var reach = await host.Get<ChatOpsSignin.Core.Profiles.ProfileReach>().ExpandAsync(CancellationToken.None);

        var sre = Assert.Single(reach, r => r.Profile == "sre").Requesters;
        Assert.Equal(
            [($"slack:{SlackStandIn.TeamId}/{Alice}", "u0alice"), ($"slack:{SlackStandIn.TeamId}/{Bob}", "u0bob")],
            sre.Members.Select(m => (m.Key, m.DisplayName)));
        Assert.Equal([$"slack:{SlackStandIn.TeamId}/*"], Assert.Single(reach, r => r.Profile == "everyone").Requesters.Everyone);
    }

    [Fact]
    public async Task Workspace_Wildcard_Allows_Everyone_In_The_Workspace_Only()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Mallory), "everyone"));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Mallory, "T0OTHER"), "everyone"));
        Assert.Equal("not_allowed", await host.CodeAsync(ChatUserId.Teams(SlackStandIn.TeamId, Mallory), "everyone"));
    }

    [Fact]
    public async Task Removed_Member_Is_Refused_After_The_Subteam_Event()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Bob), "sre"));
        slack.SetUserGroup(Sre, Alice);

        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Bob), "sre")); // cached until told or the TTL passes
        using var client = new HttpClient(new SlackRequestSigner(SlackServices.SigningSecret, time) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = host.BaseUrl,
        };
        var body = SlackStandIn.SubteamMembersChanged(Sre, [], [Bob]).ToJsonString();
        using var response = await client.PostAsync("slack/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not_allowed", await host.CodeAsync(User(Bob), "sre"));
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Alice), "sre"));
    }

    [Fact]
    public async Task Removed_Member_Is_Refused_Once_The_Cache_Expires_Without_An_Event()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Bob), "sre"));
        slack.SetUserGroup(Sre, Alice);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Bob), "sre"));
        time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Bob), "sre"));
    }

    [Fact]
    public async Task Deactivated_User_Still_Listed_In_The_Group_Is_Refused()
    {
        slack.Deactivate(Bob);

        Assert.Equal("not_allowed", await host.CodeAsync(User(Bob), "sre"));
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Alice), "sre"));
    }

    [Fact]
    public async Task Directory_Down_Refuses_With_A_Reason_And_Never_Allows()
    {
        slack.FailNextWithStatus(500, calls: 10, method: "usergroups.users.list");

        var refused = await host.CheckAsync(User(Alice), "sre");

        Assert.Equal("directory_unavailable", refused.Failure!.Code);
        Assert.Contains("could not be reached", refused.Failure!.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_Endpoint_Answers_Url_Verification_And_Refuses_Unsigned_Events()
    {
        using var signed = new HttpClient(new SlackRequestSigner(SlackServices.SigningSecret, time) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = host.BaseUrl,
        };
        using var unsigned = new HttpClient { BaseAddress = host.BaseUrl };
        const string challenge = """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        using var verified = await signed.PostAsync("slack/events", new StringContent(challenge, Encoding.UTF8, "application/json"));
        using var rejected = await unsigned.PostAsync("slack/events", new StringContent(SlackStandIn.SubteamUpdated(Sre).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await verified.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }
}
