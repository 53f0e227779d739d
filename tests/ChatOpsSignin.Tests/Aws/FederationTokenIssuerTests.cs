using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Tests.Aws;

public sealed class FederationTokenIssuerTests
{
    [Fact]
    public async Task Federation_Token_Uses_The_Federated_User_Name_And_Session_Policy()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("federated");

        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);
        var name = SessionNames.For(AwsRoomHarness.Jane).FederatedUserName;
        Assert.Equal(CredentialSource.FederatedUser, issued.Value.Source);
        Assert.Equal($"arn:aws:sts::111122223333:federated-user/{name}", issued.Value.PrincipalArn);
        var session = Assert.Single(room.StandIn.Sessions);
        Assert.Equal(TimeSpan.FromHours(2), session.Duration);
        Assert.Contains("s3:List*", session.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_Broker_Cannot_Get_A_Federation_Token_And_Aws_Is_Not_Called()
    {
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true);
        var issued = await room.IssueAsync("federated");

        Assert.Equal("federation_token_needs_iam_user", issued.Failure?.Code);
        Assert.Contains("GetFederationToken cannot be called with session credentials", issued.Failure!.AdminMessage, StringComparison.Ordinal);
        Assert.Equal(0, room.StandIn.Calls("GetFederationToken"));
    }

    [Fact]
    public async Task Session_Credentials_Forced_To_Look_Long_Term_Are_Refused_By_Sts_With_The_Same_Clear_Message()
    {
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true, configure: s => s["Aws:BrokerCredentials"] = "LongTerm");
        var issued = await room.IssueAsync("federated");

        Assert.Equal("federation_token_needs_iam_user", issued.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("GetFederationToken"));
    }
}
