using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary><c>Approval:Required</c>: distinct people must approve; one deny ends it; one person counts once.</summary>
public sealed class QuorumFlowTests : IDisposable
{
    private const string ThirdLead = "slack:T1/U7";
    private const string LeadOnTeams = "teams:tenant-1/aad-lead";

    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private CoreHarness Bot() => new(database.DatabasePath, time, new Dictionary<string, string?>
    {
        ["Groups:leads:2"] = ThirdLead,
        ["Groups:leads:3"] = LeadOnTeams,
        ["Identities:wile:0"] = CoreHarness.Lead,
        ["Identities:wile:1"] = LeadOnTeams,
        ["Profiles:prod:Approval:Required"] = "2",
    });

    private static ChatOpsSignin.Core.Identity.ChatUser Lead => CoreHarness.User(CoreHarness.Lead, "wile");

    private static ChatOpsSignin.Core.Identity.ChatUser OtherLead => CoreHarness.User(CoreHarness.OtherLead, "marvin");

    [Fact]
    public async Task The_First_Approval_Leaves_It_Pending_With_Progress_And_The_Second_Issues_One_Link()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);
        var prompt = Assert.Single(bot.Delivery.Prompts);
        Assert.Equal(2, prompt.Required);
        Assert.Equal([CoreHarness.Lead, CoreHarness.OtherLead, ThirdLead], prompt.MayDecide.Select(u => u.Id.Key));

        var first = await bot.Broker.DecideAsync(request.Id, Lead, approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.Taken, first.Status);
        Assert.Equal(ApprovalState.Pending, first.Approval!.State);
        Assert.Contains("1 of 2: approved by wile", first.Message, StringComparison.Ordinal);
        Assert.Empty(bot.Aws.Requests);
        var redrawn = Assert.Single(bot.Delivery.PromptUpdates);
        Assert.Equal("1 of 2: approved by wile", QuorumVoting.Progress(redrawn));
        Assert.Equal([CoreHarness.OtherLead, ThirdLead], redrawn.MayDecide.Select(u => u.Id.Key));

        var second = await bot.Broker.DecideAsync(request.Id, OtherLead, approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();
        var third = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(ThirdLead, "elmer"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(ApprovalState.Approved, second.Approval!.State);
        Assert.Equal(DecisionStatus.AlreadyDecided, third.Status);
        Assert.Contains("Already approved by wile, marvin", third.Message, StringComparison.Ordinal);
        Assert.Single(bot.Delivery.Links);
        var issued = Assert.Single(bot.Aws.Requests);
        Assert.Equal(CoreHarness.OtherLead, issued.SessionTags[SessionTags.Approver]);
        Assert.Equal($"{CoreHarness.Lead} {CoreHarness.OtherLead}", issued.SessionTags[SessionTags.Approvers]);
        var audit = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(time.GetUtcNow().AddHours(-1)), CancellationToken.None);
        Assert.Contains(audit, e => e.Type == AuditEventType.ApprovalCounted && e.Actor == CoreHarness.Lead);
        Assert.Contains(audit, e => e.Type == AuditEventType.Approved && e.Actor == $"{CoreHarness.Lead} {CoreHarness.OtherLead}");
        Assert.Contains(audit, e => e.Type == AuditEventType.CredentialsIssued && e.Actor == $"{CoreHarness.Lead} {CoreHarness.OtherLead}");
    }

    [Fact]
    public async Task The_Same_Person_Twice_Or_Under_Another_Chat_Identity_Counts_Once()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        await bot.Broker.DecideAsync(request.Id, Lead, approve: true, CancellationToken.None);
        var again = await bot.Broker.DecideAsync(request.Id, Lead, approve: true, CancellationToken.None);
        var onTeams = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(LeadOnTeams, "wile@example.com"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(DecisionStatus.AlreadyVoted, again.Status);
        Assert.Equal(DecisionStatus.AlreadyVoted, onTeams.Status);
        var stored = await bot.Get<IApprovalStore>().GetAsync(request.Id, CancellationToken.None);
        Assert.Equal(ApprovalState.Pending, stored!.State);
        Assert.Single(stored.Votes);
        Assert.Empty(bot.Aws.Requests);
    }

    [Fact]
    public async Task A_Person_Cannot_Approve_Their_Own_Request_Under_Another_Chat_Identity()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("prod", requester: CoreHarness.Lead, handle: "wile");
        await bot.SubmitAndRunAsync(request);

        var result = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(LeadOnTeams, "wile@example.com"), approve: true, CancellationToken.None);

        Assert.Equal(DecisionStatus.SelfApproval, result.Status);
    }

    [Fact]
    public async Task One_Deny_Ends_It_Even_After_An_Approval()
    {
        await using var bot = Bot();
        var request = bot.NewRequest("prod");
        await bot.SubmitAndRunAsync(request);

        await bot.Broker.DecideAsync(request.Id, Lead, approve: true, CancellationToken.None);
        var deny = await bot.Broker.DecideAsync(request.Id, OtherLead, approve: false, CancellationToken.None);
        var late = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(ThirdLead, "elmer"), approve: true, CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.Equal(ApprovalState.Denied, deny.Approval!.State);
        Assert.Equal(DecisionStatus.AlreadyDecided, late.Status);
        Assert.Empty(bot.Aws.Requests);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Decided { State: ApprovalState.Denied });
    }

    [Fact]
    public async Task Two_Approvers_At_Once_On_Two_Replicas_Give_One_Approval_And_One_Link()
    {
        await using var first = Bot();
        await using var second = Bot();
        var request = first.NewRequest("prod");
        await first.SubmitAndRunAsync(request);

        var votes = await Task.WhenAll(
            Task.Run(() => first.Broker.DecideAsync(request.Id, Lead, approve: true, CancellationToken.None)),
            Task.Run(() => second.Broker.DecideAsync(request.Id, OtherLead, approve: true, CancellationToken.None)));
        await Task.WhenAll(first.RunQueuedAsync(), second.RunQueuedAsync());
        await first.RunQueuedAsync();

        Assert.All(votes, v => Assert.Equal(DecisionStatus.Taken, v.Status));
        Assert.Single(votes, v => v.Approval!.State == ApprovalState.Approved);
        Assert.Single(first.Aws.Requests.Concat(second.Aws.Requests));
        Assert.Single(first.Delivery.Links.Concat(second.Delivery.Links));
    }

    [Fact]
    public void A_Quorum_Larger_Than_The_Approvers_Is_Refused_At_Start_Up()
    {
        var options = new ChatOpsSignin.Core.Profiles.SigninOptions
        {
            Profiles =
            {
                ["prod"] = new ChatOpsSignin.Core.Profiles.ProfileOptions
                {
                    Allow = [CoreHarness.Requester],
                    Approval = new ChatOpsSignin.Core.Profiles.ApprovalOptions { Approvers = [CoreHarness.Lead], SlackChannel = "C1", Required = 2 },
                },
            },
        };

        var result = new ChatOpsSignin.Core.Profiles.SigninOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Profiles:prod:Approval:Required: 2 approvals are required but Approvers names only 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Approver_Tag_Keeps_Whole_Keys_Within_256_Characters_And_Counts_The_Rest()
    {
        var keys = Enumerable.Range(0, 20).Select(i => $"teams:00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-0000000000{i:00}").ToList();

        var value = ApproverList.Encode(keys);

        Assert.True(value.Length <= 256);
        var parts = value.Split(' ');
        Assert.StartsWith("+", parts[^1], StringComparison.Ordinal);
        Assert.Equal(keys.Take(parts.Length - 1), parts[..^1]);
        Assert.Equal(20 - (parts.Length - 1), int.Parse(parts[^1][1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", value);
    }
}
