using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Directories;

/// <summary>
/// <c>entra-group:</c> (Graph transitive members, paged) and <c>teams:&lt;tenant&gt;/*</c> entries from message to link:
/// members get one, everyone else is refused and gets none; a disabled account and an unreachable Graph are refused too.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsDirectoryEntryTests : IAsyncLifetime
{
    private const string Sre = "group-sre";
    private const string Nested = "group-sre-oncall";
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(
        new Dictionary<string, string?>
        {
            ["Profiles:sre:RoleArn"] = AdminRole,
            ["Profiles:sre:Allow:0"] = $"entra-group:{Tenant}/{Sre}",
            ["Profiles:everyone:RoleArn"] = AdminRole,
            ["Profiles:everyone:Allow:0"] = $"teams:{Tenant}/*",
        },
        r =>
        {
            foreach (var member in new[] { Alice, Bob, Carol, Mallory })
            {
                r.Graph.AddUser(member.AadObjectId, member.Name);
            }

            r.Graph.SetGroup(Sre, Alice.AadObjectId, Nested, Bob.AadObjectId);
            r.Graph.SetGroup(Nested, Carol.AadObjectId);
        });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task An_Entra_Group_Member_Gets_A_Link_And_A_Non_Member_Is_Refused_And_Gets_None()
    {
        await rig.SayAsync(Mallory, "console sre");
        await rig.TextToAsync(Mallory, IsNotAllowed);
        await rig.SayAsync(Carol, "console sre INC-1"); // through the nested group, on Graph's second page

        await rig.WaitForLinksAsync(Carol, 1);
        Assert.Empty(rig.Links(Mallory));
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
        Assert.Contains(rig.Graph.Requests, r => r.Contains("$skiptoken", StringComparison.Ordinal));
        rig.AssertNoLinkOutsideThePersonalChat(Carol);
    }

    [Fact]
    public async Task The_Tenant_Wildcard_Gives_Anyone_In_The_Tenant_A_Link()
    {
        await rig.SayAsync(Mallory, "console everyone");

        await rig.WaitForLinksAsync(Mallory, 1);
        Assert.Empty(rig.Graph.Requests);
    }

    [Fact]
    public async Task A_Disabled_Account_Still_Listed_In_The_Group_Is_Refused()
    {
        rig.Graph.SetAccountEnabled(Bob.AadObjectId, false);

        await rig.SayAsync(Bob, "console sre");

        await rig.TextToAsync(Bob, IsNotAllowed);
        Assert.Empty(rig.Links(Bob));
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Graph_Being_Down_Refuses_With_A_Reason_And_Never_Allows()
    {
        rig.Graph.FailNext(100);

        await rig.SayAsync(Alice, "console sre");

        await rig.TextToAsync(Alice, text => text.Contains("could not be reached", StringComparison.Ordinal));
        Assert.Empty(rig.Links(Alice));
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    private static bool IsNotAllowed(string text) => text.Contains("not on the allow-list", StringComparison.Ordinal);
}
