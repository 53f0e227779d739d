using ChatOpsSignin.StandIns.Slack;
using static ChatOpsSignin.EndToEndTests.Slack.Directories.SlackRig;

namespace ChatOpsSignin.EndToEndTests.Slack.Directories;

/// <summary>
/// <c>slack-usergroup:</c> and <c>slack:&lt;team&gt;/*</c> entries from slash command to link: members get one, everyone
/// else is refused and gets none; a deactivated member and an unreachable directory are refused too.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlackDirectoryEntryTests : IAsyncLifetime
{
    private const string Sre = "S0SRE";
    private const string Alice = "U0ALICE";
    private const string Bob = "U0BOB";
    private const string Mallory = "U0MALLORY";
    private SlackRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(
        new Dictionary<string, string> { [Alice] = "alice", [Bob] = "bob", [Mallory] = "mallory" },
        new Dictionary<string, string?>
        {
            ["Profiles:sre:RoleArn"] = AdminRole,
            ["Profiles:sre:Allow:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}",
            ["Profiles:everyone:RoleArn"] = AdminRole,
            ["Profiles:everyone:Allow:0"] = $"slack:{SlackStandIn.TeamId}/*",
        },
        slack => slack.SetUserGroup(Sre, Alice, Bob));

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task A_User_Group_Member_Gets_A_Link_And_A_Non_Member_Is_Refused_And_Gets_None()
    {
        var refusal = await rig.AnswerAsync(await rig.CommandAsync(Mallory, "sre"), IsRefusal);
        await rig.CommandAsync(Alice, "sre INC-1");

        await rig.WaitForLinksAsync(Alice, 1);
        Assert.Contains("not_allowed", refusal, StringComparison.Ordinal);
        Assert.Equal(0, rig.LinksTo(Mallory));
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task The_Workspace_Wildcard_Gives_Anyone_In_The_Workspace_A_Link_And_Refuses_Another_Workspace()
    {
        var refusal = await rig.AnswerAsync(await rig.CommandAsync(Mallory, "everyone", team: "T0OTHER"), IsRefusal);
        await rig.CommandAsync(Mallory, "everyone");

        await rig.WaitForLinksAsync(Mallory, 1);
        Assert.Contains("not_allowed", refusal, StringComparison.Ordinal);
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task A_Deactivated_User_Still_Listed_In_The_Group_Is_Refused()
    {
        rig.Slack.Deactivate(Bob);

        var refusal = await rig.AnswerAsync(await rig.CommandAsync(Bob, "sre"), IsRefusal);

        Assert.Contains("not_allowed", refusal, StringComparison.Ordinal);
        Assert.Equal(0, rig.LinksTo(Bob));
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task The_Directory_Being_Down_Refuses_With_A_Reason_And_Never_Allows()
    {
        rig.Slack.FailNextWithStatus(500, calls: 10, method: "usergroups.users.list");

        var refusal = await rig.AnswerAsync(await rig.CommandAsync(Alice, "sre"), IsRefusal);

        Assert.Contains("could not be reached", refusal, StringComparison.Ordinal);
        Assert.Contains("directory_unavailable", refusal, StringComparison.Ordinal);
        Assert.Equal(0, rig.LinksTo(Alice));
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    private static bool IsRefusal(string text) => text.Contains("refused", StringComparison.Ordinal);
}
