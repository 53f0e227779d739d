using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Tests.Aws;

public sealed class SessionPlanTests
{
    public static TheoryData<string, SigninMethod, int, bool, int, int?, int> Plans => new()
    {
        // because, method, requested minutes, temporary broker, DurationSeconds, SessionDuration sent, console minutes
        { "long-term keys: SessionDuration carries the full length", SigninMethod.AssumeRole, 240, false, 3600, 14400, 240 },
        { "long-term keys: at most 12 hours", SigninMethod.AssumeRole, 900, false, 3600, 43200, 720 },
        { "role chaining: 1 hour cap, no SessionDuration", SigninMethod.AssumeRole, 240, true, 3600, null, 60 },
        { "role chaining: shorter requests are kept", SigninMethod.AssumeRole, 30, true, 1800, null, 30 },
        { "Cognito from long-term keys", SigninMethod.Cognito, 480, false, 3600, 28800, 480 },
        { "Cognito from temporary keys", SigninMethod.Cognito, 480, true, 3600, null, 60 },
        { "federation token: token lifetime, never SessionDuration", SigninMethod.FederationToken, 120, false, 7200, null, 120 },
        { "federation token: up to 36 hours", SigninMethod.FederationToken, 2160, false, 129600, null, 2160 },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Session_Plan_Follows_The_Aws_Rules(
        string because, SigninMethod method, int requestedMinutes, bool temporary, int durationSeconds, int? sessionDurationSeconds, int consoleMinutes)
    {
        var plan = SessionPlan.For(new ProfileOptions { Method = method, SessionDuration = TimeSpan.FromMinutes(requestedMinutes) }, temporary);
        Assert.Null(plan.Impossible);
        Assert.True(durationSeconds == (int)plan.CredentialLifetime.TotalSeconds, because);
        Assert.Equal(sessionDurationSeconds, plan.SessionDurationParameter is { } d ? (int)d.TotalSeconds : null);
        Assert.Equal(TimeSpan.FromMinutes(consoleMinutes), plan.ConsoleSession);
    }

    [Fact]
    public void Federation_Token_From_Temporary_Keys_Is_Impossible()
    {
        var plan = SessionPlan.For(new ProfileOptions { Method = SigninMethod.FederationToken }, brokerIsTemporary: true);
        Assert.Contains("GetFederationToken cannot be called with session credentials", plan.Impossible, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_Report_Says_What_Users_Really_Get_And_Why()
    {
        var profiles = new Dictionary<string, ProfileOptions>
        {
            ["prod-readonly"] = new() { SessionDuration = TimeSpan.FromHours(4) },
            ["billing"] = new() { Method = SigninMethod.FederationToken },
        };

        var chained = SessionLengthReport.Lines(profiles, brokerIsTemporary: true);
        Assert.Equal("prod-readonly: 1h (broker uses temporary credentials: role chaining caps it at 1h and forbids SessionDuration)", chained[1]);
        Assert.StartsWith("billing: unusable (The broker runs on temporary credentials", chained[0], StringComparison.Ordinal);

        var longTerm = SessionLengthReport.Lines(profiles, brokerIsTemporary: false);
        Assert.Equal("prod-readonly: 4h (long-term broker keys: SessionDuration is sent to the federation endpoint)", longTerm[1]);
        Assert.StartsWith("billing: 1h (federation token", longTerm[0], StringComparison.Ordinal);
    }
}
