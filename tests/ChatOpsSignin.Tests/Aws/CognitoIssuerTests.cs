using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Tests.Aws;

public sealed class CognitoIssuerTests
{
    [Fact]
    public async Task Guest_Identity_Is_Exchanged_For_The_Profile_Role()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("cognito-guest");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        Assert.Equal(CredentialSource.WebIdentityRole, issued.Value.Source);
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/CognitoUsers/{SessionNames.For(AwsRoomHarness.Jane).RoleSessionName}", issued.Value.PrincipalArn);
        Assert.Equal(1, room.StandIn.Calls("GetId"));
        Assert.Equal(1, room.StandIn.Calls("GetOpenIdToken"));
        Assert.Equal(0, room.StandIn.Calls("GetOpenIdTokenForDeveloperIdentity"));
    }

    [Fact]
    public async Task Developer_Identity_Is_Signed_And_Exchanged()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("cognito-dev");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        Assert.Equal(1, room.StandIn.Calls("GetOpenIdTokenForDeveloperIdentity"));
        Assert.Equal(0, room.StandIn.Calls("GetId"));
        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(room.StandIn.Sessions).Duration);
    }

    [Fact]
    public async Task Developer_Identity_With_Bad_Broker_Secret_Is_Rejected_By_Cognito()
    {
        await using var room = await AwsRoomHarness.StartAsync(credentials: s => new Amazon.Runtime.BasicAWSCredentials(s.BrokerAccessKeyId, "wrong"));
        var issued = await room.IssueAsync("cognito-dev");

        Assert.Equal("broker_credentials_invalid", issued.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("GetOpenIdTokenForDeveloperIdentity"));
    }

    [Fact]
    public async Task Unknown_Pool_Is_Resource_Not_Found()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
            s["Profiles:cognito-guest:IdentityPoolId"] = "us-east-1:0000cccc-1111-2222-3333-444455556666");
        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal("cognito_pool_not_found", issued.Failure?.Code);
        Assert.Contains("Profiles:cognito-guest:IdentityPoolId", issued.Failure!.AdminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_Developer_Provider_Is_Not_Authorized_And_Not_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Profiles:cognito-dev:DeveloperProviderName"] = "someone.else");
        var issued = await room.IssueAsync("cognito-dev");

        Assert.Equal("cognito_not_authorized", issued.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("GetOpenIdTokenForDeveloperIdentity"));
    }

    [Fact]
    public async Task Role_That_Does_Not_Trust_The_Pool_Is_Access_Denied()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
            s["Profiles:cognito-guest:RoleArn"] = "arn:aws:iam::111122223333:role/CognitoDevelopers");
        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal("access_denied", issued.Failure?.Code);
        Assert.Contains("sts:AssumeRoleWithWebIdentity on arn:aws:iam::111122223333:role/CognitoDevelopers", issued.Failure!.AdminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_Many_Requests_Is_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("GetId", 429, "TooManyRequestsException");
        var issued = await room.IssueAsync("cognito-guest");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        Assert.Equal(2, room.StandIn.Calls("GetId"));
    }

    [Fact]
    public async Task Internal_Error_Is_Retried_A_Bounded_Number_Of_Times()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("GetOpenIdToken", 500, "InternalErrorException", times: 5);
        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal("aws_unavailable", issued.Failure?.Code);
        Assert.Equal(3, room.StandIn.Calls("GetOpenIdToken"));
    }

    [Theory]
    [InlineData("IDPCommunicationError", null, 2)] // STS could not reach the provider's keys: may pass on a retry.
    [InlineData("InvalidIdentityToken", "web_identity_rejected", 1)]
    public async Task Web_Identity_Errors_Are_Retried_Only_When_Transient(string code, string? failure, int calls)
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("AssumeRoleWithWebIdentity", 400, code);
        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal(failure, issued.Failure?.Code);
        Assert.Equal(calls, room.StandIn.Calls("AssumeRoleWithWebIdentity"));
    }

    [Fact]
    public async Task Not_Authorized_Is_Not_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("GetId", 400, "NotAuthorizedException");
        var issued = await room.IssueAsync("cognito-guest");

        Assert.Equal("cognito_not_authorized", issued.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("GetId"));
    }
}
