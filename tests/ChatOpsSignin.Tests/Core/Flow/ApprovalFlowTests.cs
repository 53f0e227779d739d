using System.Text.Json;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

public sealed class ApprovalFlowTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Request_Needing_Approval_Posts_A_Prompt_And_Issues_Nothing_Yet()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        var prompt = Assert.Single(bot.Delivery.Prompts);
        Assert.Equal(ApprovalState.Pending, prompt.State);
        Assert.Equal(time.GetUtcNow().AddMinutes(30), prompt.ExpiresAt);
        Assert.Empty(bot.Aws.Requests);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.AwaitingApproval);
    }

    [Fact]
    public async Task Approver_Cannot_Approve_Own_Request()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod", requester: CoreHarness.Lead);
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), approve: true, CancellationToken.None);

        Assert.Equal(DecisionStatus.SelfApproval, result.Status);
        await bot.RunQueuedAsync();
        Assert.Empty(bot.Aws.Requests);
    }

    [Fact]
    public async Task Non_Approver_Click_Is_Refused_And_Told_Why()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Outsider), approve: true, CancellationToken.None);

        Assert.Equal(DecisionStatus.NotAnApprover, result.Status);
        Assert.Contains("not an approver", result.Message, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Pending, (await bot.Get<IApprovalStore>().GetAsync(request.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Pending_Approval_Survives_A_Restart_And_The_New_Instance_Issues_The_Link()
    {
        var request = default(SigninRequest);
        await using (var before = new CoreHarness(database.DatabasePath, time))
        {
            request = before.NewRequest("prod");
            await before.SubmitAndRunAsync(request);
        }

        await using var after = new CoreHarness(database.DatabasePath, time);
        var result = await after.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), approve: true, CancellationToken.None);
        await after.RunQueuedAsync();

        Assert.Equal(DecisionStatus.Taken, result.Status);
        var link = Assert.Single(after.Delivery.Links);
        Assert.Equal(request.Id, link.Request.Id);
        Assert.Equal(CoreHarness.Lead, Assert.Single(after.Aws.Requests).SessionTags[SessionTags.Approver]);
    }

    [Fact]
    public async Task Two_Concurrent_Approvals_On_Two_Replicas_Give_One_Link()
    {
        await using var first = new CoreHarness(database.DatabasePath, time);
        await using var second = new CoreHarness(database.DatabasePath, time);
        var request = first.NewRequest("prod");
        await first.SubmitAndRunAsync(request);

        var results = await Task.WhenAll(
            Task.Run(() => first.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), true, CancellationToken.None)),
            Task.Run(() => second.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.OtherLead, "other"), true, CancellationToken.None)));
        await first.RunQueuedAsync();
        await second.RunQueuedAsync();

        Assert.Single(results, r => r.Status == DecisionStatus.Taken);
        var loser = Assert.Single(results, r => r.Status == DecisionStatus.AlreadyDecided);
        Assert.StartsWith("Already approved by ", loser.Message, StringComparison.Ordinal);
        Assert.Equal(1, first.Delivery.Links.Count + second.Delivery.Links.Count);
    }

    [Fact]
    public async Task Second_Click_Is_Told_Who_Decided_First()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), approve: false, CancellationToken.None);

        var late = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.OtherLead, "other"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.AlreadyDecided, late.Status);
        Assert.StartsWith("Already denied by lead at 2026-11-23", late.Message, StringComparison.Ordinal);
        Assert.Empty(bot.Aws.Requests);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Decided { State: ApprovalState.Denied });
    }

    [Fact]
    public async Task Pending_Request_Expires_After_Its_Timeout_And_Cannot_Be_Approved()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        time.Advance(TimeSpan.FromMinutes(31));
        await bot.RunQueuedAsync();
        await bot.RunQueuedAsync();
        var late = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), true, CancellationToken.None);

        Assert.Equal(ApprovalState.Expired, Assert.Single(bot.Delivery.PromptUpdates).State);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Decided { State: ApprovalState.Expired });
        Assert.Equal(DecisionStatus.AlreadyDecided, late.Status);
        Assert.Empty(bot.Aws.Requests);
    }

    [Fact]
    public async Task Requester_Can_Cancel_But_Nobody_Else_Can()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        var stranger = await bot.Broker.CancelAsync(request.Id, CoreHarness.User(CoreHarness.Lead), CancellationToken.None);
        var own = await bot.Broker.CancelAsync(request.Id, CoreHarness.User(CoreHarness.Requester), CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.NotRequester, stranger.Status);
        Assert.Equal(DecisionStatus.Taken, own.Status);
        Assert.Equal(ApprovalState.Cancelled, Assert.Single(bot.Delivery.PromptUpdates).State);
        Assert.Empty(bot.Aws.Requests);
    }

    [Fact]
    public async Task Link_Is_Removed_From_Chat_When_Its_15_Minutes_Are_Over_Once()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        await bot.SubmitAndRunAsync(bot.NewRequest("dev"));

        time.Advance(TimeSpan.FromMinutes(14));
        await bot.RunQueuedAsync();
        Assert.Empty(bot.Delivery.Expired);

        time.Advance(TimeSpan.FromMinutes(2));
        await bot.RunQueuedAsync();
        await bot.RunQueuedAsync();
        Assert.Single(bot.Delivery.Expired);
    }

    [Fact]
    public async Task Link_Removal_Resumes_After_A_Restart()
    {
        await using (var before = new CoreHarness(database.DatabasePath, time))
        {
            await before.SubmitAndRunAsync(before.NewRequest("dev"));
        }

        time.Advance(TimeSpan.FromMinutes(16));
        await using var after = new CoreHarness(database.DatabasePath, time);
        await after.RunQueuedAsync();

        Assert.Single(after.Delivery.Expired);
    }

    [Fact]
    public async Task Audit_Trail_Tells_The_Whole_Story_Without_A_Secret()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "lead"), true, CancellationToken.None);
        await bot.RunQueuedAsync();
        time.Advance(TimeSpan.FromMinutes(16));
        await bot.RunQueuedAsync();

        var trail = (await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None))
            .Where(e => e.RequestId == request.Id).ToList();

        Assert.Equal(
            [AuditEventType.Requested, AuditEventType.ApprovalRequested, AuditEventType.Approved,
             AuditEventType.CredentialsIssued, AuditEventType.LinkDelivered, AuditEventType.LinkRemoved],
            trail.Select(e => e.Type));
        var issued = trail.Single(e => e.Type == AuditEventType.CredentialsIssued);
        Assert.Equal("arn:aws:iam::111122223333:role/Prod", issued.RoleArn);
        Assert.Equal(CoreHarness.Lead, issued.Actor);
        Assert.StartsWith("alice+", issued.SessionName, StringComparison.Ordinal);
        Assert.Equal(issued.SessionName, issued.SourceIdentity);
        Assert.Equal("deploy hotfix", trail[0].Reason);
        var everything = JsonSerializer.Serialize(trail);
        Assert.DoesNotContain(ScriptedAws.AccessKeyId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ScriptedAws.Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ScriptedAws.Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("signin-token", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", everything, StringComparison.Ordinal);
    }
}
