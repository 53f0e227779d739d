using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.StandIns.Graph;
using ChatOpsSignin.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Directories;

/// <summary><c>entra-group:</c> and <c>teams:&lt;tenant&gt;/*</c> entries against the Graph and identity stand-ins, over HTTP.</summary>
public sealed class EntraDirectoryTests : IAsyncLifetime
{
    private const string Tenant = "tenant-1";
    private const string AppId = "app-id";
    private const string AppPassword = "app-password-0123456789";
    private const string Sre = "group-sre";
    private const string Nested = "group-sre-oncall";
    private const string Alice = "oid-alice";
    private const string Bob = "oid-bob";
    private const string Carol = "oid-carol";
    private const string Dave = "oid-dave";
    private const string Mallory = "oid-mallory";

    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private BotFrameworkIdentityStandIn identity = null!;
    private GraphStandIn graph = null!;
    private DirectoryHost host = null!;

    public async Task InitializeAsync()
    {
        identity = await BotFrameworkIdentityStandIn.StartAsync(time);
        identity.RegisterClient(AppId, AppPassword);
        graph = await GraphStandIn.StartAsync(identity);
        graph.AddUser(Alice, "Alice");
        graph.AddUser(Bob, "Bob");
        graph.AddUser(Carol, "Carol");
        graph.AddUser(Dave, "Dave", accountEnabled: false);
        graph.AddUser(Mallory, "Mallory");
        graph.SetGroup(Sre, Alice, Bob, Nested, Dave);
        graph.SetGroup(Nested, Carol);
        host = await DirectoryHost.StartAsync(time, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = AppPassword,
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = identity.EntraMetadataUrl,
            ["Teams:TokenEndpoint"] = identity.TokenEndpoint,
            ["Teams:GraphBaseUrl"] = graph.GraphBaseUrl.AbsoluteUri,
            ["Profiles:sre:RoleArn"] = "arn:aws:iam::111122223333:role/Sre",
            ["Profiles:sre:Allow:0"] = $"entra-group:{Tenant}/{Sre}",
            ["Profiles:tenant:RoleArn"] = "arn:aws:iam::111122223333:role/ReadOnly",
            ["Profiles:tenant:Allow:0"] = $"teams:{Tenant}/*",
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await graph.DisposeAsync();
        await identity.DisposeAsync();
    }

    private static ChatUserId User(string oid, string tenant = Tenant) => ChatUserId.Teams(tenant, oid);

    [Fact]
    public async Task Entra_Group_Allows_Its_Transitive_Members_Across_Pages_And_Refuses_Everyone_Else()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Alice), "sre"));
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Carol), "sre")); // nested, on the second page
        Assert.Equal("not_allowed", await host.CodeAsync(User(Mallory), "sre"));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Alice, "tenant-2"), "sre"));
        Assert.Equal("not_allowed", await host.CodeAsync(ChatUserId.Slack(Tenant, Alice), "sre"));
        Assert.Contains(graph.Requests, r => r.Contains("$skiptoken=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_Account_Listed_In_The_Group_Is_Refused()
    {
        Assert.Equal("not_allowed", await host.CodeAsync(User(Dave), "sre"));

        graph.SetAccountEnabled(Bob, false);
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("not_allowed", await host.CodeAsync(User(Bob), "sre"));
    }

    [Fact]
    public async Task Check_Expands_The_Group_With_Display_Names()
    {
        var reach = await host.Get<ChatOpsSignin.Core.Profiles.ProfileReach>().ExpandAsync(CancellationToken.None);

        var sre = Assert.Single(reach, r => r.Profile == "sre").Requesters;
        Assert.Contains(sre.Members, m => m.Key == $"teams:{Tenant}/{Carol}" && m.DisplayName == "Carol");
        Assert.Contains(sre.Members, m => m.Key == $"teams:{Tenant}/{Dave}" && m.Via.Contains("disabled", StringComparison.Ordinal));
        Assert.DoesNotContain(sre.Members, m => m.Key.EndsWith(Mallory, StringComparison.Ordinal));
        Assert.Equal([$"teams:{Tenant}/*"], Assert.Single(reach, r => r.Profile == "tenant").Requesters.Everyone);
    }

    [Fact]
    public async Task Tenant_Wildcard_Allows_Everyone_In_The_Tenant_Only()
    {
        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Mallory), "tenant"));
        Assert.Equal("not_allowed", await host.CodeAsync(User(Mallory, "tenant-2"), "tenant"));
    }

    [Fact]
    public async Task Throttled_Graph_Is_Retried_After_Retry_After()
    {
        graph.ThrottleNext(1, retryAfterSeconds: 1);

        Assert.Equal(DirectoryHost.Allowed, await host.CodeAsync(User(Alice), "sre"));
        Assert.True(graph.Requests.Count >= 3);
    }

    [Fact]
    public async Task Graph_Down_Refuses_And_Never_Allows()
    {
        graph.FailNext(100);

        Assert.Equal("directory_unavailable", await host.CodeAsync(User(Alice), "sre"));
    }
}
