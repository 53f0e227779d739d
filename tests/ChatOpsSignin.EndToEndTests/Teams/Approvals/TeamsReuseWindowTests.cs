using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Approvals;

/// <summary><c>Approval:ReuseFor</c> on Teams: fresh links without a prompt, the window in <c>status</c> and on the card, its end.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsReuseWindowTests : IAsyncLifetime
{
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(new Dictionary<string, string?>
    {
        ["Groups:leads:0"] = Key(Bob),
        ["Groups:leads:1"] = Key(Carol),
        ["Profiles:prod-reuse:RoleArn"] = AdminRole,
        ["Profiles:prod-reuse:Allow:0"] = Key(Alice),
        ["Profiles:prod-reuse:Approval:Approvers:0"] = "group:leads",
        ["Profiles:prod-reuse:Approval:TeamsChannel"] = ApprovalChannel,
        ["Profiles:prod-reuse:Approval:ReuseFor"] = "01:00:00",
    });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task A_Reuse_Window_Issues_Without_A_Prompt_Then_Lapses_On_The_Clock()
    {
        var prompt = await ApprovedOnceAsync("INC-1");

        await rig.SayAsync(Alice, "status");
        await rig.TextToAsync(Alice, text => text.Contains("fresh links without asking until", StringComparison.Ordinal));
        await rig.SayAsync(Alice, "console prod-reuse INC-1 again");
        await rig.WaitForLinksAsync(Alice, 2);
        Assert.Single(rig.Prompts());
        Assert.Equal(2, rig.Aws.Calls("AssumeRole"));

        await rig.Bot.WaitForIssuedAsync(2, TimeSpan.FromSeconds(20));
        rig.Time.Advance(TimeSpan.FromMinutes(61));
        await rig.SayAsync(Alice, "console prod-reuse INC-1 later");
        await rig.PromptAsync(2);
        Assert.Equal(2, rig.Aws.Calls("AssumeRole"));
        Assert.NotEqual(prompt.ActivityId, rig.Prompts()[1].ActivityId);
        rig.AssertNoLinkOutsideThePersonalChat(Alice);
    }

    [Fact]
    public async Task An_Approver_Ends_The_Reuse_Window_From_The_Decided_Card()
    {
        var prompt = await ApprovedOnceAsync("INC-2");

        Assert.Contains("not an approver", Shown(await rig.ClickAsync(Mallory, "end_reuse", RequestIdIn(prompt))), StringComparison.Ordinal);
        var ended = await rig.ClickAsync(Carol, "end_reuse", RequestIdIn(prompt));

        Assert.Contains("Reuse window ended by Carol", Shown(ended), StringComparison.Ordinal);
        Assert.DoesNotContain("End reuse window", Shown(ended), StringComparison.Ordinal);
        await rig.SayAsync(Alice, "console prod-reuse INC-2 again");
        await rig.PromptAsync(2);
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    /// <summary>One request approved by Bob and its link delivered; the decided card offers to end the window.</summary>
    private async Task<StandIns.Teams.RecordedActivity> ApprovedOnceAsync(string reason)
    {
        await rig.SayAsync(Alice, "console prod-reuse " + reason);
        var prompt = await rig.PromptAsync();
        await rig.ClickAsync(Bob, "approve", RequestIdIn(prompt));
        await rig.WaitForLinksAsync(Alice, 1);
        var decided = await rig.WaitForPromptAsync(prompt, json => json.Contains("Approved by Bob", StringComparison.Ordinal));
        Assert.Contains("End reuse window", Shown(decided), StringComparison.Ordinal);
        Assert.Contains("alice@contoso.example gets fresh links for prod-reuse without asking until", Shown(decided), StringComparison.Ordinal);
        return prompt;
    }
}
