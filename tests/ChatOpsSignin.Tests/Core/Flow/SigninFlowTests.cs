using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

public sealed class SigninFlowTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Allowed_User_Gets_One_Private_Link_With_Session_Names_And_Tags()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var request = bot.NewRequest("dev", handle: "Alice Smith");

        await bot.SubmitAndRunAsync(request);

        var delivered = Assert.Single(bot.Delivery.Links);
        Assert.Equal(request.Id, delivered.Request.Id);
        var issued = Assert.Single(bot.Aws.Requests);
        Assert.StartsWith("Alice.Smith+", issued.Session.RoleSessionName, StringComparison.Ordinal);
        Assert.Equal(CoreHarness.Requester, issued.SessionTags[SessionTags.User]);
        Assert.Equal("slack", issued.SessionTags[SessionTags.Platform]);
        Assert.False(issued.SessionTags.ContainsKey(SessionTags.Approver));
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.LinkSentPrivately);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "unknown profile", "no-such-profile", "unknown_profile" },
        { "user not on allow-list", "dev", "not_allowed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_Requests_Issue_Nothing_And_Say_Why(string why, string profile, string code)
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        var requester = code == "not_allowed" ? CoreHarness.Outsider : CoreHarness.Requester;

        await bot.SubmitAndRunAsync(bot.NewRequest(profile, requester));

        Assert.Empty(bot.Aws.Requests);
        Assert.Empty(bot.Delivery.Links);
        var refused = Assert.IsType<RequesterNotice.Refused>(Assert.Single(bot.Delivery.Notices).Notice);
        Assert.True(refused.Failure.Code == code, why);
    }

    [Fact]
    public async Task Rate_Limit_Refuses_The_Request_Over_The_Limit_Until_The_Window_Passes()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time, new Dictionary<string, string?>
        {
            ["RateLimit:PerUserPerProfile"] = "2",
            ["RateLimit:Window"] = "01:00:00",
        });

        for (var i = 0; i < 3; i++)
        {
            await bot.SubmitAndRunAsync(bot.NewRequest("dev"));
        }

        Assert.Equal(2, bot.Delivery.Links.Count);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Refused { Failure.Code: "rate_limited" });

        time.Advance(TimeSpan.FromMinutes(61));
        await bot.SubmitAndRunAsync(bot.NewRequest("dev"));
        Assert.Equal(3, bot.Delivery.Links.Count);
    }

    [Fact]
    public async Task Aws_Refusal_Is_Told_To_The_Requester_And_Audited_Without_A_Link()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        bot.Aws.NextFailure = new SigninFailure("access_denied", "AWS refused to let the bot assume the role.", "AccessDenied on arn:...:role/Dev");
        var request = bot.NewRequest("dev");

        await bot.SubmitAndRunAsync(request);

        Assert.Empty(bot.Delivery.Links);
        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Refused { Failure.Code: "access_denied" });
        var trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Contains(trail, e => e.RequestId == request.Id && e.Type == AuditEventType.Error && e.Code == "access_denied");
    }

    [Fact]
    public async Task Undeliverable_Link_Is_Discarded_Audited_And_Explained()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);
        bot.Delivery.FailDelivery = new HttpRequestException("403 BotNotInConversationRoster");
        var request = bot.NewRequest("dev");

        await bot.SubmitAndRunAsync(request);

        Assert.Contains(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Refused { Failure.Code: "delivery_failed" });
        var trail = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Contains(trail, e => e.Type == AuditEventType.Error && e.Code == "delivery_failed");
        Assert.DoesNotContain(trail, e => e.Type == AuditEventType.LinkDelivered);
        time.Advance(TimeSpan.FromMinutes(16));
        await bot.RunQueuedAsync();
        Assert.Empty(bot.Delivery.Expired);
    }
}
