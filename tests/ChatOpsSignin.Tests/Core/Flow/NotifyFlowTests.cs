using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary><c>Approval:Notify</c>: who is pinged is separate from who may decide.</summary>
public sealed class NotifyFlowTests : IDisposable
{
    private const string OnCall = "slack:T1/U6";

    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Without_Notify_The_Prompt_Mentions_The_Approvers_But_Not_The_Requester()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod", requester: CoreHarness.Lead));

        Assert.Equal([CoreHarness.OtherLead], Assert.Single(bot.Delivery.Prompts).Notify.Select(u => u.Id.Key));
    }

    [Fact]
    public async Task Notify_Replaces_Who_Is_Mentioned_And_Gives_No_Say()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?>
        {
            ["Profiles:prod:Approval:Notify:0"] = OnCall,
        });
        var request = bot.NewRequest("prod");

        await bot.SubmitAndRunAsync(request);
        var notified = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(OnCall), approve: true, CancellationToken.None);
        var approver = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), approve: true, CancellationToken.None);

        Assert.Equal([OnCall], Assert.Single(bot.Delivery.Prompts).Notify.Select(u => u.Id.Key));
        Assert.Equal(DecisionStatus.NotAnApprover, notified.Status);
        Assert.Equal(DecisionStatus.Taken, approver.Status);
    }

    [Fact]
    public void A_Notify_Entry_That_Names_Nobody_Is_Refused_At_Start_Up()
    {
        var options = new ChatOpsSignin.Core.Profiles.SigninOptions
        {
            Profiles =
            {
                ["prod"] = new ChatOpsSignin.Core.Profiles.ProfileOptions
                {
                    Allow = [CoreHarness.Requester],
                    Approval = new ChatOpsSignin.Core.Profiles.ApprovalOptions { Approvers = [CoreHarness.Lead], SlackChannel = "C1", Notify = ["group:nobody"] },
                },
            },
        };

        var result = new ChatOpsSignin.Core.Profiles.SigninOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Profiles:prod:Approval:Notify:0:", StringComparison.Ordinal));
    }
}
