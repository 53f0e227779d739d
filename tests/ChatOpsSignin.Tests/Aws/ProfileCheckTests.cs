using ChatOpsSignin.Aws.Checks;

namespace ChatOpsSignin.Tests.Aws;

public sealed class ProfileCheckTests
{
    [Fact]
    public async Task Check_Calls_Aws_And_Reports_Each_Profile()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var report = await room.Check.RunAsync(callAws: true, CancellationToken.None);

        Assert.True(report.Passed, string.Join("\n", report.Profiles.Select(p => $"{p.Profile}: {p.Detail}")));
        Assert.Equal("arn:aws:iam::111122223333:user/chatops-broker", report.Broker.CallerArn);
        Assert.False(report.Broker.IsTemporary);
        var prod = report.Profiles.Single(p => p.Profile == "prod-readonly");
        Assert.Equal(ProfileCheckState.Passed, prod.Credentials);
        Assert.Equal(TimeSpan.FromHours(4), prod.ConsoleSession);
        Assert.All(room.StandIn.Sessions, s => Assert.Equal(TimeSpan.FromMinutes(15), s.Duration));
    }

    [Fact]
    public async Task Check_Reports_A_Role_That_Cannot_Be_Assumed_And_Chaining_Limits()
    {
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true, configure: s => s["Profiles:prod-readonly:ExternalId"] = "wrong");
        var report = await room.Check.RunAsync(callAws: true, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.True(report.Broker.IsTemporary);
        var prod = report.Profiles.Single(p => p.Profile == "prod-readonly");
        Assert.Equal(ProfileCheckState.Failed, prod.Credentials);
        Assert.Equal("access_denied", prod.FailureCode);
        Assert.Equal(TimeSpan.FromHours(1), prod.ConsoleSession);
        Assert.Contains("role chaining", prod.SessionWhy, StringComparison.Ordinal);
        var federated = report.Profiles.Single(p => p.Profile == "federated");
        Assert.Equal("federation_token_needs_iam_user", federated.FailureCode);
    }

    [Fact]
    public async Task Check_With_Unusable_Broker_Credentials_Fails_Every_Valid_Profile_And_Says_Why()
    {
        await using var room = await AwsRoomHarness.StartAsync(credentials: s => new Amazon.Runtime.BasicAWSCredentials(s.BrokerAccessKeyId, "wrong"));
        var report = await room.Check.RunAsync(callAws: true, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.False(report.HasConfigurationErrors);
        Assert.NotNull(report.Broker.Problem);
        Assert.All(report.Profiles, p =>
        {
            Assert.Equal("broker_unavailable", p.FailureCode);
            Assert.StartsWith("broker_unavailable: the broker's AWS credentials cannot be used", Assert.Single(p.Fixes), StringComparison.Ordinal);
        });
        Assert.Empty(room.StandIn.Sessions);
    }

    [Fact]
    public async Task Check_Without_Aws_Reports_Configuration_Errors_Per_Profile()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Profiles:prod-readonly:RoleArn"] = "bad";
            s["Aws:Region"] = "nowhere";
        });
        var report = await room.Check.RunAsync(callAws: false, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Contains(report.ConfigurationErrors, e => e.StartsWith("Aws:Region:", StringComparison.Ordinal));
        var prod = report.Profiles.Single(p => p.Profile == "prod-readonly");
        Assert.Contains(prod.ConfigurationErrors, e => e.StartsWith("Profiles:prod-readonly:RoleArn:", StringComparison.Ordinal));
        Assert.Equal(ProfileCheckState.Skipped, prod.Credentials);
        Assert.Empty(room.StandIn.Sessions);
    }
}
