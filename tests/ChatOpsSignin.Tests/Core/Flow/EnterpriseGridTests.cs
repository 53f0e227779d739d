using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>
/// Enterprise Grid (issue 11 item 4): one user under several team ids is one person. A key <c>slack:E…/U…/T…</c> is a
/// Grid user (enterprise, user) who came in through workspace T.
/// </summary>
public sealed class EnterpriseGridTests : IDisposable
{
    private const string LeadFromT1 = "slack:E1/U9/T1";
    private const string LeadFromT2 = "slack:E1/U9/T2";

    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private CoreHarness Bot() => new(database.DatabasePath, time, new Dictionary<string, string?>
    {
        ["Groups:gridleads:0"] = "slack:E1/U9",
        ["Groups:gridleads:1"] = "slack:E1/U7",
        ["Profiles:grid:RoleArn"] = "arn:aws:iam::111122223333:role/Grid",
        ["Profiles:grid:Allow:0"] = "group:gridleads",
        ["Profiles:grid:Allow:1"] = "slack:T1/U1",
        ["Profiles:grid:Approval:Approvers:0"] = "group:gridleads",
        ["Profiles:grid:Approval:SlackChannel"] = "C0APPROVALS",
        ["Profiles:grid:Approval:Timeout"] = "00:30:00",
    });

    [Fact]
    public async Task Grid_User_Cannot_Approve_Own_Request_From_Another_Workspace()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("grid", requester: LeadFromT1);
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(LeadFromT2), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.SelfApproval, result.Status);
        Assert.Empty(bot.Aws.Requests);
    }

    [Fact]
    public async Task Enterprise_Key_Matches_A_Request_From_Any_Workspace_Of_The_Grid()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("grid", requester: LeadFromT2);
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User("slack:E1/U7/T3", "other"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.Taken, result.Status);
        var issued = Assert.Single(bot.Aws.Requests);
        Assert.Equal("slack:E1/U7/T3", issued.SessionTags[SessionTags.Approver]);
    }

    [Fact]
    public async Task Workspace_Key_Still_Matches_A_Grid_Request_From_That_Workspace_After_The_Store_Round_Trip()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("grid", requester: "slack:E1/U1/T1");
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(LeadFromT2, "lead"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.Taken, result.Status);
        Assert.Single(bot.Delivery.Links);
    }

    [Fact]
    public async Task Workspace_Key_Does_Not_Match_The_Same_User_From_Another_Workspace()
    {
        await using var bot = Bot();

        await bot.SubmitAndRunAsync(bot.NewRequest("grid", requester: "slack:E1/U1/T2"));

        Assert.Empty(bot.Delivery.Prompts);
        Assert.Empty(bot.Aws.Requests);
    }
}
