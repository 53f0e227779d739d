using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Approvals;

/// <summary><c>Approval:RequireReason</c> with <c>Approval:ReasonPattern</c> on Teams.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsReasonTests : IAsyncLifetime
{
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(new Dictionary<string, string?>
    {
        ["Profiles:prod-ticket:RoleArn"] = AdminRole,
        ["Profiles:prod-ticket:Allow:0"] = Key(Alice),
        ["Profiles:prod-ticket:Approval:Approvers:0"] = Key(Bob),
        ["Profiles:prod-ticket:Approval:TeamsChannel"] = ApprovalChannel,
        ["Profiles:prod-ticket:Approval:RequireReason"] = "true",
        ["Profiles:prod-ticket:Approval:ReasonPattern"] = "^[A-Z]+-\\d+",
    });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Theory]
    [InlineData("console prod-ticket restarting the workers")]
    [InlineData("console prod-ticket")]
    public async Task A_Reason_That_Does_Not_Match_The_Pattern_Is_Refused_With_The_Expected_Format(string command)
    {
        await rig.SayAsync(Alice, command);

        var refusal = await rig.TextToAsync(Alice, text => text.Contains("^[A-Z]+-\\d+", StringComparison.Ordinal));
        Assert.Empty(rig.Prompts());
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
        Assert.DoesNotContain("Action=login", refusal.Json, StringComparison.Ordinal);

        await rig.SayAsync(Alice, "console prod-ticket OPS-7 restart");
        await rig.PromptAsync();
    }
}
