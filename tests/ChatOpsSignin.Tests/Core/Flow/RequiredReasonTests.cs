using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary><c>Approval:RequireReason</c> and <c>Approval:ReasonPattern</c>, decided at Evaluate before anyone is asked.</summary>
public sealed class RequiredReasonTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private CoreHarness Bot(string? pattern) => new(database.DatabasePath, time, new Dictionary<string, string?>
    {
        ["Profiles:prod:Approval:RequireReason"] = "true",
        ["Profiles:prod:Approval:ReasonPattern"] = pattern,
    });

    public static TheoryData<string, string?, string?, string> Refused => new()
    {
        { "no reason, no pattern", null, null, "reason_required" },
        { "blank reason, no pattern", null, "   ", "reason_required" },
        { "no reason, with a pattern", "^[A-Z]+-\\d+", null, "reason_required" },
        { "a reason that is not a ticket id", "^[A-Z]+-\\d+", "fixing stuff", "reason_mismatch" },
        { "a ticket id that is not at the start", "^[A-Z]+-\\d+", "see OPS-12", "reason_mismatch" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_Request_Without_A_Matching_Reason_Is_Refused_With_The_Expected_Format(string why, string? pattern, string? reason, string code)
    {
        await using var bot = Bot(pattern);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod") with { Reason = reason });

        var refused = Assert.Single(bot.Delivery.Notices.Select(n => n.Notice).OfType<RequesterNotice.Refused>());
        Assert.True(code == refused.Failure.Code, why);
        if (pattern is not null)
        {
            Assert.Contains($"`{pattern}`", refused.Failure.UserMessage, StringComparison.Ordinal);
        }

        Assert.Empty(bot.Delivery.Prompts);
        Assert.Empty(bot.Aws.Requests);
        var audit = await bot.Get<IAuditLog>().QueryAsync(new AuditQuery(time.GetUtcNow().AddHours(-1), null), CancellationToken.None);
        Assert.Contains(audit, e => e.Type == AuditEventType.Refused && e.Code == code);
    }

    [Fact]
    public async Task A_Matching_Reason_Goes_On_To_The_Approvers()
    {
        await using var bot = Bot("^[A-Z]+-\\d+");

        await bot.SubmitAndRunAsync(bot.NewRequest("prod") with { Reason = "OPS-1234 restart the fleet" });

        Assert.Single(bot.Delivery.Prompts);
        Assert.DoesNotContain(bot.Delivery.Notices, n => n.Notice is RequesterNotice.Refused);
    }

    [Fact]
    public async Task A_Profile_Without_The_Rule_Takes_Any_Reason_Or_None()
    {
        await using var bot = new CoreHarness(database.DatabasePath, time);

        await bot.SubmitAndRunAsync(bot.NewRequest("prod") with { Reason = null });

        Assert.Single(bot.Delivery.Prompts);
    }

    [Fact]
    public void A_Catastrophic_Pattern_Times_Out_And_Refuses_Instead_Of_Stalling()
    {
        var rule = ChatOpsSignin.Core.Approvals.ReasonRule.For(new ChatOpsSignin.Core.Profiles.ApprovalOptions { ReasonPattern = "^(a+)+$" })!;

        var started = TimeProvider.System.GetTimestamp();
        var refusal = rule.Refuse("prod", new string('a', 5000) + "!");

        Assert.Equal("reason_mismatch", refusal?.Code);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }
}
