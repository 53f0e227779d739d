using ChatOpsSignin.Core.Audit;
using static ChatOpsSignin.EndToEndTests.Teams.TeamsRig;

namespace ChatOpsSignin.EndToEndTests.Teams.Directories;

/// <summary>
/// Someone leaves an Entra group (Graph sends no event): refused once the cache's TTL passes, as requester and as an
/// approver of a request that is still pending.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TeamsEntraGroupChangeTests : IAsyncLifetime
{
    private const string Sre = "group-sre";
    private const string Leads = "group-leads";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private TeamsRig rig = null!;

    public async Task InitializeAsync() => rig = await StartAsync(
        new Dictionary<string, string?>
        {
            ["Profiles:sre:RoleArn"] = AdminRole,
            ["Profiles:sre:Allow:0"] = $"entra-group:{Tenant}/{Sre}",
            ["Profiles:prod:RoleArn"] = AdminRole,
            ["Profiles:prod:Allow:0"] = $"entra-group:{Tenant}/{Sre}",
            ["Profiles:prod:Approval:Approvers:0"] = $"entra-group:{Tenant}/{Leads}",
            ["Profiles:prod:Approval:TeamsChannel"] = ApprovalChannel,
        },
        r =>
        {
            foreach (var member in new[] { Alice, Bob, Carol, Dave })
            {
                r.Graph.AddUser(member.AadObjectId, member.Name);
            }

            r.Graph.SetGroup(Sre, Alice.AadObjectId, Bob.AadObjectId);
            r.Graph.SetGroup(Leads, Carol.AadObjectId, Dave.AadObjectId);
        },
        awsOnBotClock: true); // the approved request's AssumeRole is signed after the bot's clock moved on

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Fact]
    public async Task A_User_Removed_From_The_Group_Is_Refused_Once_The_Cache_Expires()
    {
        await rig.SayAsync(Bob, "console sre");
        await rig.WaitForLinksAsync(Bob, 1);
        await rig.Bot.WaitForIssuedAsync(1, Wait);
        rig.Graph.SetGroup(Sre, Alice.AadObjectId);

        rig.Time.Advance(TimeSpan.FromMinutes(6));
        await rig.SayAsync(Bob, "console sre");

        await rig.TextToAsync(Bob, text => text.Contains("not on the allow-list", StringComparison.Ordinal));
        Assert.Single(rig.Links(Bob));
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task An_Approver_Removed_From_The_Approver_Group_While_A_Request_Is_Pending_Cannot_Approve_It()
    {
        await rig.SayAsync(Alice, "console prod INC-8");
        var prompt = await rig.PromptAsync();
        await rig.Bot.WaitForAuditAsync(AuditEventType.ApprovalRequested, Wait);
        await rig.TextToAsync(Alice, text => text.Contains("waiting for approval", StringComparison.Ordinal));
        rig.Graph.SetGroup(Leads, Dave.AadObjectId);

        rig.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Contains("not an approver", Shown(await rig.ClickAsync(Carol, "approve", RequestIdIn(prompt))), StringComparison.Ordinal);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
        await rig.ClickAsync(Dave, "approve", RequestIdIn(prompt));
        await rig.WaitForLinksAsync(Alice, 1);
    }
}
