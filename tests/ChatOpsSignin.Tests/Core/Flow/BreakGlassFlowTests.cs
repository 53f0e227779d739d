using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>
/// <c>break-glass</c>: only where a profile names it and only for its <c>BreakGlass:Allow</c>, with a reason and its own rate
/// limit; announced before the link is issued, at once and with the short session; acknowledged by an approver (first
/// one wins); re-posted once when nobody acknowledged it.
/// </summary>
public sealed class BreakGlassFlowTests : IDisposable
{
    private const string OnCall = "slack:T1/U7";

    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    public static TheoryData<string, string, string, string?, string> Refused => new()
    {
        { "not in BreakGlass:Allow (only in Allow)", CoreHarness.Requester, "prod", "INC-1 db down", "break_glass_not_allowed" },
        { "a stranger", CoreHarness.Outsider, "prod", "INC-1 db down", "break_glass_not_allowed" },
        { "a profile without a BreakGlass section", OnCall, "dev", "INC-1 db down", "break_glass_unavailable" },
        { "no such profile", OnCall, "nope", "INC-1 db down", "unknown_profile" },
        { "no reason", OnCall, "prod", null, "reason_required" },
        { "a blank reason", OnCall, "prod", "   ", "reason_required" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_Break_Glass_That_Breaks_A_Rule_Is_Refused_And_Issues_Nothing(string why, string user, string profile, string? reason, string code)
    {
        await using var bot = Bot();

        await bot.SubmitAndRunAsync(BreakGlass(bot, profile, user) with { Reason = reason });

        var refused = Assert.Single(bot.Delivery.Notices.Select(n => n.Notice).OfType<RequesterNotice.Refused>());
        Assert.True(code == refused.Failure.Code, $"{why}: {refused.Failure.Code}");
        Assert.Empty(bot.Delivery.BreakGlassPosts);
        Assert.Empty(bot.Delivery.Links);
        Assert.Empty(bot.Aws.Requests);
        Assert.Contains(await Trail(bot), e => e.Type == AuditEventType.BreakGlassRefused && e.Code == code);
    }

    [Fact]
    public async Task A_Break_Glass_Is_Announced_Then_Issued_At_Once_With_The_Short_Session()
    {
        await using var bot = Bot();
        var request = BreakGlass(bot, "prod");

        await bot.SubmitAndRunAsync(request);

        var (announced, channel) = Assert.Single(bot.Delivery.BreakGlassPosts);
        Assert.Equal("C0APPROVALS", channel);
        Assert.Equal(time.GetUtcNow().AddMinutes(30), announced.SessionEndsAt);
        Assert.Equal([CoreHarness.Lead, CoreHarness.OtherLead], announced.Notify.Select(u => u.Id.Key));
        Assert.Empty(bot.Delivery.Prompts);
        Assert.Single(bot.Delivery.Links);
        var issued = Assert.Single(bot.Aws.Requests);
        Assert.Equal(TimeSpan.FromMinutes(30), issued.Profile.SessionDuration);
        Assert.Equal("true", issued.SessionTags[SessionTags.BreakGlass]);
        Assert.Null(issued.Approver);
        var trail = await Trail(bot);
        var breakGlass = Assert.Single(trail, e => e.Type == AuditEventType.BreakGlassIssued);
        Assert.Equal("INC-7 database down", breakGlass.Reason);
        Assert.Equal(TimeSpan.FromMinutes(30), breakGlass.Duration);
        Assert.DoesNotContain(trail, e => e.Type == AuditEventType.ApprovalRequested);
    }

    [Fact]
    public async Task A_Reason_Must_Match_The_Profiles_Reason_Pattern()
    {
        await using var bot = Bot(new() { ["Profiles:prod:Approval:ReasonPattern"] = "^INC-\\d+" });

        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod") with { Reason = "database down" });
        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod") with { Reason = "INC-8 database down" });

        var refused = Assert.Single(bot.Delivery.Notices.Select(n => n.Notice).OfType<RequesterNotice.Refused>());
        Assert.Equal("reason_mismatch", refused.Failure.Code);
        Assert.Contains("`^INC-\\d+`", refused.Failure.UserMessage, StringComparison.Ordinal);
        Assert.Single(bot.Delivery.Links);
    }

    [Fact]
    public async Task Break_Glass_Has_Its_Own_Rate_Limit()
    {
        await using var bot = Bot(new() { ["RateLimit:BreakGlassPerUser"] = "2" });

        for (var i = 0; i < 3; i++)
        {
            await bot.SubmitAndRunAsync(BreakGlass(bot, "prod"));
        }

        Assert.Equal(2, bot.Delivery.Links.Count);
        var refused = Assert.Single(bot.Delivery.Notices.Select(n => n.Notice).OfType<RequesterNotice.Refused>());
        Assert.Equal("break_glass_rate_limited", refused.Failure.Code);

        time.Advance(TimeSpan.FromDays(1));
        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod"));
        Assert.Equal(3, bot.Delivery.Links.Count);
    }

    [Fact]
    public async Task The_Requester_And_A_Non_Approver_Cannot_Acknowledge_And_The_First_Approver_Wins()
    {
        await using var bot = Bot();
        var request = BreakGlass(bot, "prod");
        await bot.SubmitAndRunAsync(request);

        var self = await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(OnCall), CancellationToken.None);
        var outsider = await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.Outsider), CancellationToken.None);
        var first = await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.Lead, "megan"), CancellationToken.None);
        var second = await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.OtherLead), CancellationToken.None);

        Assert.Equal(DecisionStatus.SelfApproval, self.Status);
        Assert.Equal(DecisionStatus.NotAnApprover, outsider.Status);
        Assert.Equal(DecisionStatus.Taken, first.Status);
        Assert.Equal(CoreHarness.Lead, first.Approval!.DecidedBy!.Id.Key);
        Assert.Equal(DecisionStatus.AlreadyDecided, second.Status);
        Assert.Contains("Already acknowledged by megan", second.Message, StringComparison.Ordinal);
        var acknowledged = Assert.Single(await Trail(bot), e => e.Type == AuditEventType.BreakGlassAcknowledged);
        Assert.Equal(CoreHarness.Lead, acknowledged.Actor);
    }

    [Fact]
    public async Task Approve_Deny_And_Cancel_Do_Not_Apply_To_A_Break_Glass()
    {
        await using var bot = Bot();
        var request = BreakGlass(bot, "prod");
        await bot.SubmitAndRunAsync(request);

        var approve = await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), approve: true, CancellationToken.None);
        var cancel = await bot.Broker.CancelAsync(request.Id, CoreHarness.User(OnCall), CancellationToken.None);

        Assert.False(approve.Taken);
        Assert.False(cancel.Taken);
        Assert.Contains("Acknowledge", approve.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await Trail(bot), e => e.Type is AuditEventType.Approved or AuditEventType.Cancelled);
        var ack = await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.Lead), CancellationToken.None);
        Assert.True(ack.Taken);
    }

    [Fact]
    public async Task An_Unacknowledged_Break_Glass_Is_Reposted_Once_After_The_Delay()
    {
        await using var bot = Bot(new() { ["Profiles:prod:BreakGlass:RepostAfter"] = "00:10:00" });
        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod"));

        time.Advance(TimeSpan.FromMinutes(9));
        await bot.RunQueuedAsync();
        Assert.Empty(bot.Delivery.BreakGlassReposts);

        time.Advance(TimeSpan.FromMinutes(1));
        await bot.RunQueuedAsync();
        var repost = Assert.Single(bot.Delivery.BreakGlassReposts);
        Assert.Equal([CoreHarness.Lead, CoreHarness.OtherLead], repost.Notify.Select(u => u.Id.Key));
        Assert.Empty(bot.Delivery.Expired);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await bot.RunQueuedAsync();
        }

        Assert.Single(bot.Delivery.BreakGlassReposts);
        Assert.Single(bot.Delivery.Expired);
        Assert.Single(await Trail(bot), e => e.Type == AuditEventType.BreakGlassReposted);
    }

    [Fact]
    public async Task A_Repost_Due_After_The_Link_Expires_Still_Comes_After_The_Removal()
    {
        await using var bot = Bot(new() { ["Profiles:prod:BreakGlass:RepostAfter"] = "00:20:00" });
        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod"));

        time.Advance(TimeSpan.FromMinutes(16));
        await bot.RunQueuedAsync();
        Assert.Single(bot.Delivery.Expired);
        Assert.Empty(bot.Delivery.BreakGlassReposts);

        time.Advance(TimeSpan.FromMinutes(4));
        await bot.RunQueuedAsync();
        Assert.Single(bot.Delivery.BreakGlassReposts);
        Assert.Single(bot.Delivery.Expired);
    }

    [Fact]
    public async Task An_Acknowledged_Break_Glass_Is_Not_Reposted()
    {
        await using var bot = Bot();
        var request = BreakGlass(bot, "prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.Lead), CancellationToken.None);

        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await bot.RunQueuedAsync();
        }

        Assert.Empty(bot.Delivery.BreakGlassReposts);
        Assert.Single(bot.Delivery.Expired);
        Assert.DoesNotContain(await Trail(bot), e => e.Type == AuditEventType.BreakGlassReposted);
    }

    [Fact]
    public async Task When_Aws_Refuses_The_Announcement_Says_Nothing_Was_Issued_And_There_Is_No_Repost()
    {
        await using var bot = Bot();
        bot.Aws.NextFailure = ChatOpsSignin.Core.Outcomes.SigninFailure.Of("access_denied", "AWS refused the role.");

        await bot.SubmitAndRunAsync(BreakGlass(bot, "prod"));
        time.Advance(TimeSpan.FromMinutes(20));
        await bot.RunQueuedAsync();

        Assert.Single(bot.Delivery.BreakGlassPosts);
        Assert.Equal("access_denied", Assert.Single(bot.Delivery.BreakGlassNotIssued).Failure.Code);
        Assert.Empty(bot.Delivery.Links);
        Assert.Empty(bot.Delivery.BreakGlassReposts);
        Assert.DoesNotContain(await Trail(bot), e => e.Type == AuditEventType.BreakGlassIssued);
    }

    [Fact]
    public async Task A_Break_Glass_Is_Never_Reused_As_An_Approval()
    {
        await using var bot = Bot(new() { ["Profiles:prod:Approval:ReuseFor"] = "01:00:00", ["Profiles:prod:Allow:2"] = OnCall });
        var request = BreakGlass(bot, "prod");
        await bot.SubmitAndRunAsync(request);
        await bot.Broker.AcknowledgeAsync(request.Id, CoreHarness.User(CoreHarness.Lead), CancellationToken.None);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod", OnCall, "oncall"));

        Assert.Single(bot.Delivery.Prompts);
        Assert.Single(bot.Delivery.Links);
    }

    [Fact]
    public async Task Check_Shows_Who_May_Break_The_Glass()
    {
        await using var bot = Bot();

        var reaches = await bot.Get<ChatOpsSignin.Core.Profiles.ProfileReach>().ExpandAsync(CancellationToken.None);

        var prod = Assert.Single(reaches, r => r.Profile == "prod");
        Assert.Equal([OnCall], prod.BreakGlass!.Members.Select(m => m.Key));
        Assert.Null(Assert.Single(reaches, r => r.Profile == "dev").BreakGlass);
    }

    private CoreHarness Bot(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Profiles:prod:BreakGlass:Allow:0"] = OnCall };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new CoreHarness(database.DatabasePath, time, settings);
    }

    private static SigninRequest BreakGlass(CoreHarness bot, string profile, string user = OnCall) =>
        bot.NewRequest(profile, user, "oncall") with { Reason = "INC-7 database down", BreakGlass = true };

    private async Task<IReadOnlyList<AuditEvent>> Trail(CoreHarness bot) =>
        await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(time.GetUtcNow().AddDays(-2)), CancellationToken.None);
}
