using ChatOpsSignin.Core.Audit;
using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Approvals;

/// <summary>The once-only reminder at half the approval timeout on Teams, and <c>status</c> naming whom a request waits for.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsReminderTests : IAsyncLifetime
{
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(new Dictionary<string, string?>
    {
        ["Groups:leads:0"] = Key(Bob),
        ["Groups:leads:1"] = Key(Carol),
        ["Profiles:prod:RoleArn"] = AdminRole,
        ["Profiles:prod:Allow:0"] = Key(Alice),
        ["Profiles:prod:Approval:Approvers:0"] = "group:leads",
        ["Profiles:prod:Approval:TeamsChannel"] = ApprovalChannel,
        ["Profiles:prod:Approval:Timeout"] = "00:30:00",
    });

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task An_Undecided_Request_Is_Reminded_Once_In_The_Prompts_Thread_At_Half_Its_Timeout()
    {
        await rig.SayAsync(Alice, "console prod INC-6");
        var prompt = await rig.PromptAsync();
        await rig.Bot.WaitForAuditAsync(AuditEventType.ApprovalRequested, TimeSpan.FromSeconds(20));
        await rig.SayAsync(Alice, "status");
        await rig.TextToAsync(Alice, text => text.Contains("waiting for Bob, Carol", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Connector.Activities, IsReminder);

        rig.Time.Advance(TimeSpan.FromMinutes(16));

        var reminder = await rig.WaitForAsync(IsReminder);
        Assert.Equal(ApprovalChannel, reminder.ConversationId);
        Assert.Equal(prompt.ActivityId, reminder.ReplyToId);
        Assert.Contains("<at>Bob</at> <at>Carol</at>", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(2, reminder.Body["entities"]!.AsArray().Count);
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second reminder, if wrongly sent, would arrive within this time
        Assert.Single(rig.Connector.Activities, IsReminder);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
    }

    private static bool IsReminder(StandIns.Teams.RecordedActivity activity) =>
        activity.Text?.StartsWith("Reminder:", StringComparison.Ordinal) == true;
}
