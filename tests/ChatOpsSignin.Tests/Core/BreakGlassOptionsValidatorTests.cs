using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Tests.Core;

/// <summary><c>Profiles:{name}:BreakGlass</c> and <c>RateLimit:BreakGlass*</c> fail at start-up with the key at fault.</summary>
public sealed class BreakGlassOptionsValidatorTests
{
    private static SigninOptions Valid() => new()
    {
        Groups = { ["oncall"] = ["slack:T1/U7"], ["leads"] = ["slack:T1/U9"] },
        Profiles =
        {
            ["prod-admin"] = new ProfileOptions
            {
                RoleArn = "arn:aws:iam::111122223333:role/Admin",
                Allow = ["group:leads"],
                Approval = new ApprovalOptions { Approvers = ["group:leads"], SlackChannel = "C0APPROVALS" },
                BreakGlass = new BreakGlassOptions { Allow = ["group:oncall", "slack-usergroup:T1/S0ONCALL"] },
            },
        },
    };

    public static TheoryData<string, Action<SigninOptions>, string> Faults => new()
    {
        { "empty allow", o => Glass(o).Allow.Clear(), "Profiles:prod-admin:BreakGlass:Allow: is empty" },
        { "unknown group", o => Glass(o).Allow.Add("group:nobody"), "Profiles:prod-admin:BreakGlass:Allow:2: group 'nobody'" },
        { "display name", o => Glass(o).Allow.Add("roadrunner"), "Profiles:prod-admin:BreakGlass:Allow:2: 'roadrunner'" },
        { "session too long", o => Glass(o).SessionDuration = TimeSpan.FromHours(2), "Profiles:prod-admin:BreakGlass:SessionDuration: 02:00:00 is outside" },
        { "session too short", o => Glass(o).SessionDuration = TimeSpan.FromMinutes(5), "Profiles:prod-admin:BreakGlass:SessionDuration: 00:05:00 is outside" },
        { "session above the profile's", o => o.Profiles["prod-admin"].SessionDuration = TimeSpan.FromMinutes(20), "Profiles:prod-admin:BreakGlass:SessionDuration: 00:30:00 is longer than the profile's SessionDuration" },
        { "repost too soon", o => Glass(o).RepostAfter = TimeSpan.FromSeconds(10), "Profiles:prod-admin:BreakGlass:RepostAfter:" },
        { "no approval section", o => o.Profiles["prod-admin"].Approval = null, "Profiles:prod-admin:BreakGlass: needs an Approval section" },
        { "negative rate limit", o => o.RateLimit.BreakGlassPerUser = -1, "RateLimit:BreakGlassPerUser:" },
        { "empty rate limit window", o => o.RateLimit.BreakGlassWindow = TimeSpan.Zero, "RateLimit:BreakGlassWindow:" },
    };

    [Fact]
    public void A_Valid_Break_Glass_Section_Passes_With_Its_Defaults()
    {
        var options = Valid();

        Assert.True(new SigninOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(30), Glass(options).SessionDuration);
        Assert.Equal(TimeSpan.FromMinutes(15), Glass(options).RepostAfter);
        Assert.Equal(3, options.RateLimit.BreakGlassPerUser);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_Fault_Is_Reported_By_Key(string fault, Action<SigninOptions> breakIt, string expected)
    {
        var options = Valid();
        breakIt(options);

        var result = new SigninOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, fault);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private static BreakGlassOptions Glass(SigninOptions options) => options.Profiles["prod-admin"].BreakGlass!;
}
