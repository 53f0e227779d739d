using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Tests.Core;

public sealed class SigninOptionsValidatorTests
{
    private static SigninOptions Valid() => new()
    {
        Groups = { ["leads"] = ["slack:T1/U9"] },
        Profiles =
        {
            ["prod-readonly"] = new ProfileOptions
            {
                RoleArn = "arn:aws:iam::111122223333:role/ReadOnly",
                Allow = ["slack:T1/U1", "group:leads"],
                Approval = new ApprovalOptions { Approvers = ["group:leads"], SlackChannel = "C0APPROVALS" },
            },
        },
    };

    public static TheoryData<string, Action<SigninOptions>, string> Faults => new()
    {
        { "unknown group in allow-list", o => o.Profiles["prod-readonly"].Allow.Add("group:nobody"), "Profiles:prod-readonly:Allow:2: group 'nobody'" },
        { "display name in allow-list", o => o.Profiles["prod-readonly"].Allow.Add("roadrunner"), "Profiles:prod-readonly:Allow:2: 'roadrunner'" },
        { "empty allow-list", o => o.Profiles["prod-readonly"].Allow.Clear(), "Profiles:prod-readonly:Allow: is empty" },
        { "approval without approvers", o => o.Profiles["prod-readonly"].Approval!.Approvers.Clear(), "Profiles:prod-readonly:Approval:Approvers:" },
        { "approval without channel", o => o.Profiles["prod-readonly"].Approval!.SlackChannel = null, "Profiles:prod-readonly:Approval: needs a SlackChannel or a TeamsChannel" },
        { "approval timeout too long", o => o.Profiles["prod-readonly"].Approval!.Timeout = TimeSpan.FromDays(3), "Profiles:prod-readonly:Approval:Timeout:" },
        { "bad group member", o => o.Groups["leads"].Add("U123"), "Groups:leads:1: 'U123'" },
        { "reason pattern that does not compile", o => o.Profiles["prod-readonly"].Approval!.ReasonPattern = "^[A-Z+-\\d+", "Profiles:prod-readonly:Approval:ReasonPattern: '^[A-Z+-\\d+' is not a valid regular expression" },
        { "negative rate limit", o => o.RateLimit.PerUserPerProfile = -1, "RateLimit:PerUserPerProfile" },
        { "negative per-user limit", o => o.RateLimit.PerUser = -1, "RateLimit:PerUser:" },
        { "profile named like a command", o => o.Profiles["console"] = o.Profiles["prod-readonly"], "Profiles:console: a profile name is" },
        { "profile name a chat user cannot type", o => o.Profiles["prod readonly"] = o.Profiles["prod-readonly"], "Profiles:prod readonly: a profile name is" },
    };

    [Fact]
    public void A_Valid_Configuration_Passes() =>
        Assert.True(new SigninOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_Fault_Is_Reported_By_Profile_And_Key(string fault, Action<SigninOptions> breakIt, string expected)
    {
        var options = Valid();
        breakIt(options);

        var result = new SigninOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, fault);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
