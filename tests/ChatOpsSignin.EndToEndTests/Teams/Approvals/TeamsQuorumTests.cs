using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Teams;
using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Approvals;

/// <summary><c>Approval:Required</c> and <c>Approval:Notify</c> on Teams: the prompt card's mentions and progress, one link at the quorum.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsQuorumTests : IAsyncLifetime
{
    private static readonly ConnectorMember Gone = new("29:gone", "Gone", "aad-gone", null, null);
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(new Dictionary<string, string?>
    {
        ["Groups:leads:0"] = Key(Bob),
        ["Groups:leads:1"] = Key(Carol),
        ["Groups:leads:2"] = Key(Dave),
        ["Profiles:prod-two:RoleArn"] = AdminRole,
        ["Profiles:prod-two:Allow:0"] = Key(Alice),
        ["Profiles:prod-two:Approval:Approvers:0"] = "group:leads",
        ["Profiles:prod-two:Approval:TeamsChannel"] = ApprovalChannel,
        ["Profiles:prod-two:Approval:Required"] = "2",
        ["Profiles:prod-oncall:RoleArn"] = AdminRole,
        ["Profiles:prod-oncall:Allow:0"] = Key(Alice),
        ["Profiles:prod-oncall:Approval:Approvers:0"] = "group:leads",
        ["Profiles:prod-oncall:Approval:TeamsChannel"] = ApprovalChannel,
        ["Profiles:prod-oncall:Approval:Notify:0"] = Key(Dave),
        ["Profiles:prod-oncall:Approval:Notify:1"] = Key(Gone),
    });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task Two_Approver_Request_First_Leaves_It_Pending_Second_Issues_One_Link_Third_Is_Told_It_Is_Decided()
    {
        await rig.SayAsync(Alice, "console prod-two INC-9 failover");
        var prompt = await rig.PromptAsync();
        var requestId = RequestIdIn(prompt);
        Assert.Contains("0 of 2: no approvals yet", Shown(prompt), StringComparison.Ordinal);
        Assert.Contains("Asking <at>Bob</at> <at>Carol</at> <at>Dave</at>", Shown(prompt), StringComparison.Ordinal);
        Assert.Equal(["29:bob", "29:carol", "29:dave"], MentionedIds(prompt));

        Assert.Contains("1 of 2: approved by Bob", Shown(await rig.ClickAsync(Bob, "approve", requestId)), StringComparison.Ordinal);
        var redrawn = await rig.WaitForPromptAsync(prompt, json => json.Contains("1 of 2", StringComparison.Ordinal));
        Assert.Contains("1 of 2: approved by Bob. Still may decide: Carol, Dave.", Shown(redrawn), StringComparison.Ordinal);
        Assert.Contains("Approve", Shown(redrawn), StringComparison.Ordinal);
        Assert.Contains("already approved", Shown(await rig.ClickAsync(Bob, "approve", requestId)), StringComparison.Ordinal);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));

        await rig.ClickAsync(Carol, "approve", requestId);
        await rig.WaitForLinksAsync(Alice, 1);
        Assert.Contains("Already approved by Bob, Carol", Shown(await rig.ClickAsync(Dave, "approve", requestId)), StringComparison.Ordinal);

        var login = await ConsoleBrowser.SignInAsync(rig.Aws, Assert.Single(SigninLinks.In(Assert.Single(rig.Links(Alice)).Body)));
        Assert.Equal(Key(Carol), login.Tags["chat-approver"]);
        Assert.Equal($"{Key(Bob)} {Key(Carol)}", login.Tags["chat-approvers"]);
        await rig.WaitForPromptAsync(prompt, json => json.Contains("Approved by Bob, Carol", StringComparison.Ordinal));
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
        rig.AssertNoLinkOutsideThePersonalChat(Alice);
    }

    [Fact]
    public async Task Notify_Pings_Only_Its_People_And_One_Who_Left_The_Tenant_Is_Skipped_Without_Failing_The_Request()
    {
        await rig.SayAsync(Alice, "console prod-oncall INC-3");
        var prompt = await rig.PromptAsync();

        Assert.Contains("Asking <at>Dave</at>", Shown(prompt), StringComparison.Ordinal);
        Assert.Equal(["29:dave"], MentionedIds(prompt));
        Assert.DoesNotContain("Gone", Shown(prompt), StringComparison.Ordinal);
        await rig.ClickAsync(Bob, "approve", RequestIdIn(prompt));
        await rig.WaitForLinksAsync(Alice, 1);
    }

    private static string[] MentionedIds(RecordedActivity activity) =>
        [.. activity.Cards.SelectMany(c => c["msteams"]?["entities"]?.AsArray() ?? []).Select(e => e!["mentioned"]!["id"]!.GetValue<string>())];
}
