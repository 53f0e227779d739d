using ChatOpsSignin.StandIns.Slack;
using static ChatOpsSignin.EndToEndTests.Slack.Directories.SlackRig;

namespace ChatOpsSignin.EndToEndTests.Slack.Directories;

/// <summary>
/// Someone leaves a Slack user group: refused after the <c>subteam_members_changed</c> event, or without it once the
/// cache's TTL passes; an approver who leaves the approver group cannot approve what is pending.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlackUserGroupChangeTests : IAsyncLifetime
{
    private const string Sre = "S0SRE";
    private const string Leads = "S0LEADS";
    private const string Alice = "U0ALICE";
    private const string Bob = "U0BOB";
    private const string Lead = "U0LEAD";
    private const string OtherLead = "U0OTHERLEAD";
    private SlackRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(
        new Dictionary<string, string> { [Alice] = "alice", [Bob] = "bob", [Lead] = "lead", [OtherLead] = "otherlead" },
        new Dictionary<string, string?>
        {
            ["Profiles:sre:RoleArn"] = AdminRole,
            ["Profiles:sre:Allow:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}",
            ["Profiles:prod:RoleArn"] = AdminRole,
            ["Profiles:prod:Allow:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}",
            ["Profiles:prod:Approval:Approvers:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Leads}",
            ["Profiles:prod:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-two:RoleArn"] = AdminRole,
            ["Profiles:prod-two:Allow:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Sre}",
            ["Profiles:prod-two:Approval:Approvers:0"] = $"slack-usergroup:{SlackStandIn.TeamId}/{Leads}",
            ["Profiles:prod-two:Approval:Approvers:1"] = Key(Bob), // start-up counts a user group as one approver
            ["Profiles:prod-two:Approval:SlackChannel"] = ApprovalChannel,
            ["Profiles:prod-two:Approval:Required"] = "2",
        },
        slack =>
        {
            slack.SetUserGroup(Sre, Alice, Bob);
            slack.SetUserGroup(Leads, Lead, OtherLead);
        });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task A_User_Removed_From_The_Group_Is_Refused_After_The_Subteam_Event()
    {
        await BobSignsInThenLeavesTheGroupAsync();

        await rig.MembersChangedAsync(Sre, [], [Bob]);

        await AssertBobIsRefusedAsync();
    }

    [Fact]
    public async Task A_User_Removed_From_The_Group_Is_Refused_Without_An_Event_Once_The_Cache_Expires()
    {
        await BobSignsInThenLeavesTheGroupAsync();

        rig.Time.Advance(TimeSpan.FromMinutes(6));

        await AssertBobIsRefusedAsync();
    }

    [Fact]
    public async Task An_Approver_Removed_From_The_Approver_Group_While_A_Request_Is_Pending_Cannot_Approve_It()
    {
        await rig.CommandAsync(Alice, "prod INC-4");
        var requestId = RequestIdOf(await rig.PromptAsync());
        rig.Slack.SetUserGroup(Leads, OtherLead);
        await rig.MembersChangedAsync(Leads, [], [Lead]);

        var refused = await rig.AnswerAsync(await rig.ClickAsync(Lead, "approve", requestId), _ => true);

        Assert.Contains("not an approver", refused, StringComparison.Ordinal);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
        await rig.ClickAsync(OtherLead, "approve", requestId);
        await rig.WaitForLinksAsync(Alice, 1);
    }

    [Fact]
    public async Task A_Quorum_Approver_Removed_Before_The_Quorum_Is_Reached_Is_Rechecked_At_Issue_Time_And_Nothing_Is_Issued()
    {
        var responseUrl = await rig.CommandAsync(Alice, "prod-two INC-5");
        var requestId = RequestIdOf(await rig.PromptAsync());
        await rig.ClickAsync(Lead, "approve", requestId);
        await rig.Slack.WaitForAsync(s => s.MessagesIn(ApprovalChannel)[0].Rendered.Contains("1 of 2", StringComparison.Ordinal) ? s : null, Wait);
        rig.Slack.SetUserGroup(Leads, OtherLead);
        await rig.MembersChangedAsync(Leads, [], [Lead]);

        await rig.ClickAsync(OtherLead, "approve", requestId);

        var refusal = await rig.AnswerAsync(responseUrl, IsRefusal);
        Assert.Contains("approver_not_current", refusal, StringComparison.Ordinal);
        Assert.Equal(0, rig.LinksTo(Alice));
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    /// <summary>Bob's first link is out (so the group is cached) and its Issue step is over; then he leaves the group.</summary>
    private async Task BobSignsInThenLeavesTheGroupAsync()
    {
        await rig.CommandAsync(Bob, "sre");
        await rig.WaitForLinksAsync(Bob, 1);
        await rig.Bot.WaitForIssuedAsync(1, Wait);
        rig.Slack.SetUserGroup(Sre, Alice);
    }

    private async Task AssertBobIsRefusedAsync()
    {
        var refusal = await rig.AnswerAsync(await rig.CommandAsync(Bob, "sre"), IsRefusal);

        Assert.Contains("not_allowed", refusal, StringComparison.Ordinal);
        Assert.Equal(1, rig.LinksTo(Bob));
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    private static bool IsRefusal(string text) => text.Contains("refused", StringComparison.Ordinal);
}
