using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary><c>Approval:ReuseFor</c>: after an approval, fresh links without asking until the window ends.</summary>
public sealed class ReuseWindowFlowTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private CoreHarness Bot(string? reuseFor = "04:00:00") => new(database.DatabasePath, time, new Dictionary<string, string?>
    {
        ["Profiles:prod:Approval:ReuseFor"] = reuseFor,
        ["Profiles:prod2:RoleArn"] = "arn:aws:iam::111122223333:role/Prod2",
        ["Profiles:prod2:Allow:0"] = CoreHarness.Requester,
        ["Profiles:prod2:Approval:Approvers:0"] = "group:leads",
        ["Profiles:prod2:Approval:SlackChannel"] = "C0APPROVALS",
    });

    private static async Task<SigninRequest> ApprovedAsync(CoreHarness bot, string profile = "prod")
    {
        var request = bot.NewRequest(profile);
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "wile"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();
        return request;
    }

    [Fact]
    public async Task A_Second_Request_In_The_Window_Is_Issued_Without_A_Prompt_And_Audited_With_The_Original_Approver()
    {
        await using var bot = Bot();
        var first = await ApprovedAsync(bot);

        time.Advance(TimeSpan.FromHours(1));
        var second = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(second);

        Assert.Single(bot.Delivery.Prompts);
        Assert.Equal(2, bot.Delivery.Links.Count);
        Assert.All(bot.Aws.Requests, r => Assert.Equal(CoreHarness.Lead, r.SessionTags[SessionTags.Approver]));
        var audit = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(time.GetUtcNow().AddHours(-3)), CancellationToken.None);
        Assert.Contains(audit, e => e.RequestId == second.Id && e.Type == AuditEventType.ApprovalReused && e.Actor == CoreHarness.Lead && e.Code == first.Id.Value);
        Assert.Contains(audit, e => e.RequestId == second.Id && e.Type == AuditEventType.CredentialsIssued && e.Actor == CoreHarness.Lead);
    }

    [Fact]
    public async Task The_Window_Lapses_And_The_Next_Request_Asks_Again()
    {
        await using var bot = Bot();
        await ApprovedAsync(bot);

        time.Advance(TimeSpan.FromHours(4));
        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        Assert.Equal(2, bot.Delivery.Prompts.Count);
        Assert.Single(bot.Delivery.Links);
    }

    [Fact]
    public async Task An_Approver_Ends_The_Window_Early()
    {
        await using var bot = Bot();
        var first = await ApprovedAsync(bot);

        var outsider = await bot.Broker.EndReuseAsync(first.Id, CoreHarness.User(CoreHarness.Outsider), CancellationToken.None);
        var ended = await bot.Broker.EndReuseAsync(first.Id, CoreHarness.User(CoreHarness.OtherLead, "marvin"), CancellationToken.None);
        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        Assert.Equal(DecisionStatus.NotAnApprover, outsider.Status);
        Assert.Equal(DecisionStatus.Taken, ended.Status);
        Assert.Equal(2, bot.Delivery.Prompts.Count);
    }

    [Fact]
    public async Task Reuse_Is_Off_By_Default()
    {
        await using var bot = Bot(reuseFor: null);
        await ApprovedAsync(bot);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        Assert.Equal(2, bot.Delivery.Prompts.Count);
    }

    [Fact]
    public async Task An_Approval_Of_Another_Profile_Is_Never_Reused()
    {
        await using var bot = Bot();
        await ApprovedAsync(bot, "prod2");

        await bot.SubmitAndRunAsync(bot.NewRequest("prod"));

        Assert.Equal(2, bot.Delivery.Prompts.Count);
    }

    [Fact]
    public async Task Status_Shows_The_Window()
    {
        await using var bot = Bot();
        var first = await ApprovedAsync(bot);

        var status = (await bot.Broker.StatusAsync(first.Requester.Id, CancellationToken.None)).Single(s => s.Id == first.Id);

        Assert.Equal(time.GetUtcNow().AddHours(4), status.ReuseUntil);
    }
}
