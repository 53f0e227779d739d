using Amazon.Runtime;
using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Tests.Aws;

public sealed class AssumeRoleIssuerTests
{
    [Fact]
    public async Task AssumeRole_Names_The_Chat_User_In_Session_Name_SourceIdentity_And_Tags()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        var expected = SessionNames.For(AwsRoomHarness.Jane);
        Assert.Equal(CredentialSource.AssumedRole, issued.Value.Source);
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/ReadOnly/{expected.RoleSessionName}", issued.Value.PrincipalArn);
        Assert.Equal(expected.SourceIdentity, issued.Value.SourceIdentity);
        Assert.Equal("111122223333", issued.Value.AccountId);

        var session = Assert.Single(room.StandIn.Sessions);
        Assert.Equal(TimeSpan.FromHours(1), session.Duration);
        Assert.False(session.Chained);
        Assert.Equal("slack:T0123/U0456", session.Tags["chat-user"]);
        Assert.Equal("slack", session.Tags["chat-platform"]);
        Assert.Equal("ops", session.Tags["cost-center"]);
    }

    [Fact]
    public async Task Temporary_Broker_Credentials_Cap_DurationSeconds_At_One_Hour()
    {
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true);
        var issued = await room.IssueAsync("prod-readonly");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        var session = Assert.Single(room.StandIn.Sessions);
        Assert.True(session.Chained);
        Assert.Equal(TimeSpan.FromHours(1), session.Duration);
    }

    [Fact]
    public async Task ExternalId_Mismatch_Is_Access_Denied_And_Says_So()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Profiles:prod-readonly:ExternalId"] = "wrong-id");
        var issued = await room.IssueAsync("prod-readonly");

        Assert.False(issued.Succeeded);
        Assert.Equal("access_denied", issued.Failure.Code);
        Assert.Contains("sts:ExternalId equals Profiles:prod-readonly:ExternalId", issued.Failure.AdminMessage, StringComparison.Ordinal);
        Assert.Contains(AwsRoomHarness.ReadOnlyRole, issued.Failure.AdminMessage, StringComparison.Ordinal);
        Assert.Empty(room.StandIn.Sessions);
    }

    [Fact]
    public async Task Unknown_Role_Is_Access_Denied_Naming_Profile_And_Role()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Profiles:prod-readonly:RoleArn"] = "arn:aws:iam::111122223333:role/Missing";
            s["Profiles:prod-readonly:ExternalId"] = null;
        });
        var issued = await room.IssueAsync("prod-readonly");

        Assert.Equal("access_denied", issued.Failure?.Code);
        Assert.Contains("Profile 'prod-readonly' (sts:AssumeRole on arn:aws:iam::111122223333:role/Missing)", issued.Failure!.AdminMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("ExternalId", issued.Failure.AdminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_Name_Aws_Rejects_Is_A_Validation_Failure()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly", new SessionIdentity("jane doe", "jane", "jane"));

        Assert.Equal("aws_validation", issued.Failure?.Code);
        Assert.Contains("roleSessionName", issued.Failure!.AdminMessage, StringComparison.Ordinal);
        Assert.Equal(1, room.StandIn.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Throttling_Is_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRole", 400, "Throttling", message: "Rate exceeded");
        var issued = await room.IssueAsync("prod-readonly");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        Assert.Equal(2, room.StandIn.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Policy_Arns_And_Tags_Reach_Sts_As_Member_Lists()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Profiles:prod-readonly:PolicyArns:0"] = "arn:aws:iam::aws:policy/ReadOnlyAccess";
            s["Profiles:prod-readonly:PolicyArns:1"] = "arn:aws:iam::111122223333:policy/NoDelete";
            s["Profiles:prod-readonly:Policy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}""";
        });
        var issued = await room.IssueAsync("prod-readonly");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        var session = Assert.Single(room.StandIn.Sessions);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/NoDelete"], session.PolicyArns);
        Assert.Contains("s3:Delete*", session.Policy, StringComparison.Ordinal);
        Assert.Equal(room.Profile("prod-readonly").Tags["cost-center"], session.Tags["cost-center"]);
        Assert.True(session.Tags.Count > 1);
    }

    [Fact]
    public async Task Persistent_Throttling_Gives_Up_After_Bounded_Retries()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRole", 400, "Throttling", times: 10, message: "Rate exceeded");
        var issued = await room.IssueAsync("prod-readonly");

        Assert.Equal("aws_throttled", issued.Failure?.Code);
        Assert.Equal(3, room.StandIn.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Access_Denied_Is_Not_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRole", 403, "AccessDenied", message: "no");
        var issued = await room.IssueAsync("prod-readonly");

        Assert.Equal("access_denied", issued.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("AssumeRole"));
    }

    public static TheoryData<int, string, string> StsErrors => new()
    {
        { 403, "RegionDisabledException", "sts_region_disabled" },
        { 400, "ExpiredToken", "broker_credentials_invalid" },
        { 400, "PackedPolicyTooLarge", "packed_policy_too_large" },
        { 400, "MalformedPolicyDocument", "malformed_policy" },
        { 400, "ValidationError", "aws_validation" },
    };

    [Theory]
    [MemberData(nameof(StsErrors))]
    public async Task Sts_Error_Maps_To_A_Typed_Failure_Without_Retry(int status, string code, string expected)
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRole", status, code, message: "stand-in says no");
        var issued = await room.IssueAsync("prod-readonly");

        Assert.Equal(expected, issued.Failure?.Code);
        Assert.Contains("prod-readonly", issued.Failure!.AdminMessage, StringComparison.Ordinal);
        Assert.Equal(1, room.StandIn.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Server_Error_Is_Retried_Then_Reported()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRole", 500, "InternalFailure", times: 3);
        var issued = await room.IssueAsync("prod-readonly");

        Assert.Equal("aws_unavailable", issued.Failure?.Code);
        Assert.Equal(3, room.StandIn.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Wrong_Broker_Secret_Is_Rejected_By_Signature_Check()
    {
        await using var room = await AwsRoomHarness.StartAsync(credentials: _ => new BasicAWSCredentials("AKIAUNKNOWNKEY000000", "nope"));
        var issued = await room.IssueAsync("prod-readonly");
        Assert.Equal("broker_credentials_invalid", issued.Failure?.Code);
    }

    [Fact]
    public async Task Wrong_Secret_For_A_Known_Key_Is_Signature_Mismatch()
    {
        await using var room = await AwsRoomHarness.StartAsync(credentials: s => new BasicAWSCredentials(s.BrokerAccessKeyId, "wrong-secret"));
        var issued = await room.IssueAsync("prod-readonly");
        Assert.Equal("broker_credentials_invalid", issued.Failure?.Code);
    }

    [Fact]
    public async Task Too_Many_Tags_Are_Packed_Policy_Too_Large()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            for (var i = 0; i < 40; i++)
            {
                s[$"Profiles:prod-readonly:Tags:team{i}"] = new string('v', 200);
            }
        });
        var issued = await room.IssueAsync("prod-readonly");
        Assert.Equal("packed_policy_too_large", issued.Failure?.Code);
        Assert.Contains("Profiles:prod-readonly:Policy, PolicyArns or Tags", issued.Failure!.AdminMessage, StringComparison.Ordinal);
    }
}
