using ChatOpsSignin.Aws.Checks;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Tests.Aws;

/// <summary><c>check</c> says per profile whether revoke may read (and so write) the role's revocation policy.</summary>
public sealed class RevokeCheckTests
{
    [Fact]
    public async Task A_Role_Whose_Policy_The_Bot_May_Read_Is_Permitted_And_Federation_Is_Off()
    {
        await using var room = await AwsRoomHarness.StartAsync();

        var report = await room.Check.RunAsync(callAws: true, CancellationToken.None);

        var role = report.Profiles.Single(p => p.Profile == "prod-readonly").Revoke!;
        Assert.Equal(RevokeCheckState.Permitted, role.State);
        Assert.Contains("chatops-signin-revocations", role.Text, StringComparison.Ordinal);
        var federated = report.Profiles.Single(p => p.Method == SigninMethod.FederationToken).Revoke!;
        Assert.Equal(RevokeCheckState.Unsupported, federated.State);
        Assert.Contains("FederationToken", federated.Text, StringComparison.Ordinal);
        Assert.Equal(0, room.StandIn.Calls("PutRolePolicy"));
    }

    [Fact]
    public async Task Access_Denied_On_The_Role_Says_Revoke_Is_Not_Permitted_And_What_To_Grant()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        room.StandIn.FailNext("GetRolePolicy", 403, "AccessDenied", times: 10);

        var report = await room.Check.RunAsync(callAws: true, CancellationToken.None);

        var role = report.Profiles.Single(p => p.Profile == "prod-readonly").Revoke!;
        Assert.Equal(RevokeCheckState.NotPermitted, role.State);
        Assert.Contains("iam:PutRolePolicy", role.Text, StringComparison.Ordinal);
        Assert.Contains(AwsRoomHarness.ReadOnlyRole, role.Text, StringComparison.Ordinal);
        Assert.True(report.Profiles.Single(p => p.Profile == "prod-readonly").Passed);
    }

    [Fact]
    public async Task Offline_Check_Names_The_Permissions_Without_Calling_Iam()
    {
        await using var room = await AwsRoomHarness.StartAsync();

        var report = await room.Check.RunAsync(callAws: false, CancellationToken.None);

        Assert.Equal(RevokeCheckState.NotChecked, report.Profiles.Single(p => p.Profile == "prod-readonly").Revoke!.State);
        Assert.Equal(0, room.StandIn.Calls("GetRolePolicy"));
    }
}
