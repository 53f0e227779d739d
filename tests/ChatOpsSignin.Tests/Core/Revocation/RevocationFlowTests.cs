using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Tests.Core.Flow;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Revocation;

/// <summary>Revoke through the real core and SQLite store: who may, what is denied, when the Deny goes (fake clock).</summary>
public sealed class RevocationFlowTests : IDisposable
{
    private const string Admin = "slack:T1/U7";
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingRevoker revoker = new();

    public void Dispose() => database.Dispose();

    public static TheoryData<string, string, string, bool> WhoMayRevoke => new()
    {
        { "the requester", "dev", CoreHarness.Requester, true },
        { "an approver of the profile", "prod", CoreHarness.OtherLead, true },
        { "an admin", "dev", Admin, true },
        { "an admin through a group", "dev", "slack:T1/U6", true },
        { "a stranger", "dev", CoreHarness.Outsider, false },
        { "an approver of another profile", "dev", CoreHarness.Lead, false },
    };

    [Theory]
    [MemberData(nameof(WhoMayRevoke))]
    public async Task Only_The_Requester_The_Approvers_And_Admins_May_Revoke(string who, string profile, string revoker, bool may)
    {
        await using var bot = Bot();
        var id = await IssueAsync(bot, profile);

        var result = await bot.Broker.RevokeAsync(id, CoreHarness.User(revoker), "{}", CancellationToken.None);
        await bot.RunQueuedAsync();

        Assert.True(result.Taken == may, $"{who}: {result.Message}");
        var events = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        if (may)
        {
            var deny = Assert.Single(this.revoker.Denies);
            Assert.Equal(id, deny.RequestId);
            Assert.StartsWith("alice+", deny.SessionName, StringComparison.Ordinal);
            Assert.Equal(deny.SessionName, deny.SourceIdentity);
            Assert.Contains(events, e => e.Type == AuditEventType.SessionRevoked && e.Actor == revoker && e.RequestId == id);
            var notice = Assert.IsType<RequesterNotice.Revoked>(Assert.Single(bot.Delivery.AtLink).Notice);
            Assert.Contains(RevokeTexts.PropagationNote, notice.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(RevokeStatus.NotPermitted, result.Status);
            Assert.Empty(this.revoker.Denies);
            Assert.Contains(events, e => e.Type == AuditEventType.RevokeRefused && e.Actor == revoker && e.Code == "not_permitted");
            Assert.False(await bot.Get<RevocationMarks>().IsRevokedAsync(id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_Deny_Is_Removed_Once_The_Sessions_Longest_End_Has_Passed_And_Not_Before()
    {
        await using var bot = Bot();
        var id = await IssueAsync(bot, "dev");
        var issuedAt = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(10));
        await bot.Broker.RevokeAsync(id, CoreHarness.User(CoreHarness.Requester), "{}", CancellationToken.None);
        await bot.RunQueuedAsync();
        var deny = Assert.Single(revoker.Denies);
        Assert.Equal(time.GetUtcNow(), deny.RevokedAt);
        Assert.Equal(issuedAt + TimeSpan.FromHours(1) + Revocations.Margin, deny.RemoveAfter);

        time.Advance(deny.RemoveAfter - time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await bot.RunQueuedAsync();
        Assert.Empty(revoker.Removals);
        Assert.True(await bot.Get<RevocationMarks>().IsRevokedAsync(id, CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(1));
        await bot.RunQueuedAsync();
        Assert.Equal(("arn:aws:iam::111122223333:role/Dev", id), Assert.Single(revoker.Removals));
        Assert.False(await bot.Get<RevocationMarks>().IsRevokedAsync(id, CancellationToken.None));
        var events = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Single(events, e => e.Type == AuditEventType.RevocationRemoved && e.RequestId == id);
    }

    [Fact]
    public async Task A_Full_Policy_Is_Refused_Clearly_And_Audited_And_The_Revoke_May_Be_Asked_Again()
    {
        await using var bot = Bot();
        var id = await IssueAsync(bot, "dev");
        revoker.NextDeny.Enqueue(new RevokeAttempt(RevokeAttemptStatus.PolicyFull, "LimitExceeded"));

        await bot.Broker.RevokeAsync(id, CoreHarness.User(Admin, "boss"), "{}", CancellationToken.None);
        await bot.RunQueuedAsync();

        var events = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Contains(events, e => e.Type == AuditEventType.RevokeRefused && e.Code == "revocation_policy_full" && e.Actor == Admin);
        Assert.DoesNotContain(events, e => e.Type == AuditEventType.SessionRevoked);
        var told = Assert.Single(bot.Delivery.Notices, n => n.Request.Requester.Id.Key == Admin);
        Assert.Contains("10,240", Assert.IsType<RequesterNotice.Refused>(told.Notice).Failure.UserMessage, StringComparison.Ordinal);
        Assert.Empty(bot.Delivery.AtLink);

        var again = await bot.Broker.RevokeAsync(id, CoreHarness.User(Admin, "boss"), "{}", CancellationToken.None);
        await bot.RunQueuedAsync();
        Assert.Equal(RevokeStatus.Recorded, again.Status);
        Assert.Single(revoker.Denies);
    }

    [Fact]
    public async Task Throttled_Iam_Is_Tried_Again_Later_And_The_Revoke_Runs_Once()
    {
        await using var bot = Bot();
        var id = await IssueAsync(bot, "dev");
        revoker.NextDeny.Enqueue(new RevokeAttempt(RevokeAttemptStatus.Unavailable, "Throttling"));

        await bot.Broker.RevokeAsync(id, CoreHarness.User(CoreHarness.Requester), "{}", CancellationToken.None);
        await bot.RunQueuedAsync();
        Assert.Empty(revoker.Denies);
        var waiting = await bot.Get<IWorkStore>().GetAsync(RevocationMarks.IdFor(id), CancellationToken.None);
        Assert.Equal((WorkStep.Revoke, 1), (waiting!.Step, waiting.Attempt));

        time.Advance(TimeSpan.FromSeconds(5));
        await bot.RunQueuedAsync();
        await bot.RunQueuedAsync();
        Assert.Single(revoker.Denies);
        var again = await bot.Broker.RevokeAsync(id, CoreHarness.User(CoreHarness.Requester), "{}", CancellationToken.None);
        Assert.Equal(RevokeStatus.AlreadyRevoked, again.Status);
    }

    [Fact]
    public async Task An_Unknown_Id_Is_Answered_And_Nothing_Is_Recorded()
    {
        await using var bot = Bot();

        var result = await bot.Broker.RevokeAsync(RequestId.New(), CoreHarness.User(CoreHarness.Requester), "{}", CancellationToken.None);

        Assert.Equal(RevokeStatus.UnknownRequest, result.Status);
        Assert.Empty(revoker.Denies);
    }

    private CoreHarness Bot() => new(
        database.DatabasePath,
        time,
        new Dictionary<string, string?>
        {
            ["Admins:0"] = Admin,
            ["Admins:1"] = "group:platform",
            ["Groups:platform:0"] = "slack:T1/U6",
        },
        services => services.AddSingleton<IRoleSessionRevoker>(revoker));

    private static async Task<RequestId> IssueAsync(CoreHarness bot, string profile)
    {
        var request = bot.NewRequest(profile);
        await bot.SubmitAndRunAsync(request);
        if (profile == "prod")
        {
            await bot.Broker.DecideAsync(request.Id, CoreHarness.User(CoreHarness.Lead), true, CancellationToken.None);
            await bot.RunQueuedAsync();
        }

        Assert.Contains(bot.Delivery.Links, l => l.Request.Id == request.Id);
        return request.Id;
    }
}
