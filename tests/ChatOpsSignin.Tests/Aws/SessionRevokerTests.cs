using ChatOpsSignin.Aws.Iam;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>Revoke's AWS half against the IAM stand-in: the Deny bites only the revoked session, and is swept once it has ended.</summary>
public sealed class SessionRevokerTests
{
    private static readonly ChatUser Bob = new(ChatUserId.Slack("T0123", "U0789"), "Bob");

    [Fact]
    public async Task A_Revoked_Session_Can_No_Longer_Sign_In_While_Another_Session_Of_The_Role_Still_Can()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var jane = await room.IssueAsync("prod-readonly");
        var bob = await room.IssueAsync("prod-readonly", SessionNames.For(Bob));
        time.Advance(TimeSpan.FromSeconds(5));
        var revoker = room.Services.GetRequiredService<SessionRevoker>();

        var revoked = await revoker.RevokeAsync(
            AwsRoomHarness.ReadOnlyRole,
            new RevokedSession("req_0a1b", jane.Value!.SessionName, jane.Value.SourceIdentity, time.GetUtcNow(), time.GetUtcNow() + jane.Value.Duration),
            CancellationToken.None);

        Assert.Null(revoked.Error);
        var janeLink = await room.Links.CreateAsync(jane.Value, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);
        var bobLink = await room.Links.CreateAsync(bob.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);
        Assert.False(janeLink.Succeeded);
        Assert.True(bobLink.Succeeded);
        var statement = Assert.Single(room.StandIn.RolePolicies("ReadOnly"));
        Assert.Equal("chatops-signin-revoked", statement.Key);
        Assert.Contains(jane.Value.SourceIdentity!, statement.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Statement_Is_Removed_Once_The_Session_Has_Ended()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var revoker = room.Services.GetRequiredService<SessionRevoker>();
        var now = time.GetUtcNow();
        await revoker.RevokeAsync(AwsRoomHarness.ReadOnlyRole, new RevokedSession("req_01", "jane+abc", "jane+abc", now, now.AddHours(1)), CancellationToken.None);
        await revoker.RevokeAsync(AwsRoomHarness.ReadOnlyRole, new RevokedSession("req_02", "bob+def", null, now, now.AddHours(4)), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(59));
        await revoker.SweepAsync(AwsRoomHarness.ReadOnlyRole, CancellationToken.None);
        Assert.Contains("req_01".Replace("req_", "ChatOpsRevoke", StringComparison.Ordinal), room.StandIn.RolePolicies("ReadOnly").Values.Single(), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(2));
        await revoker.SweepAsync(AwsRoomHarness.ReadOnlyRole, CancellationToken.None);
        var left = room.StandIn.RolePolicies("ReadOnly").Values.Single();
        Assert.DoesNotContain("ChatOpsRevoke01", left, StringComparison.Ordinal);
        Assert.Contains("\"aws:userid\":\"*:bob+def\"", left, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromHours(3));
        await revoker.SweepAsync(AwsRoomHarness.ReadOnlyRole, CancellationToken.None);
        Assert.Empty(room.StandIn.RolePolicies("ReadOnly"));
    }

    [Fact]
    public async Task Iam_Refuses_What_Aws_Refuses_And_The_Revoker_Stays_Under_The_Inline_Limit()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var iam = room.Services.GetRequiredService<IamClient>();

        var noRole = await iam.PutRolePolicyAsync("NoSuchRole", "p", """{"Statement":[]}""", CancellationToken.None);
        var badName = await iam.PutRolePolicyAsync("ReadOnly", "bad name", """{"Statement":[]}""", CancellationToken.None);
        var notJson = await iam.PutRolePolicyAsync("ReadOnly", "p", "allow all", CancellationToken.None);
        var tooBig = await iam.PutRolePolicyAsync("ReadOnly", "p", $$"""{"Statement":[],"x":"{{new string('x', 10_300)}}"}""", CancellationToken.None);
        Assert.Equal(["NoSuchEntity", "ValidationError", "MalformedPolicyDocument", "LimitExceeded"], new[] { noRole, badName, notJson, tooBig }.Select(r => r.Error?.Code));

        var revoker = room.Services.GetRequiredService<SessionRevoker>();
        var now = time.GetUtcNow();
        IamReply<bool> last = IamReply<bool>.Of(true);
        var count = 0;
        while (last.Error is null && count < 200)
        {
            last = await revoker.RevokeAsync(AwsRoomHarness.ReadOnlyRole, new RevokedSession($"req_{count:x4}", $"user{count}+abcdef", $"user{count}+abcdef", now, now.AddHours(1)), CancellationToken.None);
            count++;
        }

        Assert.Equal("LimitExceeded", last.Error?.Code);
        Assert.InRange(count, 30, 199);
        Assert.True(room.StandIn.RolePolicies("ReadOnly").Values.Sum(d => d.Count(c => !char.IsWhiteSpace(c))) <= AwsStandIn.InlinePolicyLimit);
    }

    private static Task<AwsRoomHarness> StartAsync(TimeProvider time) => AwsRoomHarness.StartAsync(time: time);
}
