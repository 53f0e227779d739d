using Amazon.Runtime;
using ChatOpsSignin.Aws.Iam;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Revocation;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>Revoke's AWS half against the IAM stand-in: the Deny bites only the revoked session, and is taken off once it has ended.</summary>
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
        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();

        var revoked = await revoker.DenyAsync(Deny("req_0a1b", jane.Value!.SessionName, jane.Value.SourceIdentity, time.GetUtcNow(), time.GetUtcNow() + jane.Value.Duration), CancellationToken.None);

        Assert.Equal(RevokeAttempt.Done, revoked);
        var janeLink = await room.Links.CreateAsync(jane.Value, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);
        var bobLink = await room.Links.CreateAsync(bob.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);
        Assert.False(janeLink.Succeeded);
        Assert.True(bobLink.Succeeded);
        var statement = Assert.Single(room.StandIn.RolePolicies("ReadOnly"));
        Assert.Equal("chatops-signin-revocations", statement.Key);
        Assert.Contains(jane.Value.SourceIdentity!, statement.Value, StringComparison.Ordinal);
        Assert.Contains("\"DateLessThanEquals\":{\"aws:TokenIssueTime\"", statement.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Session_Issued_After_The_Revoke_Is_Not_Denied()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();
        var names = SessionNames.For(AwsRoomHarness.Jane);
        await revoker.DenyAsync(Deny("req_0c", names.RoleSessionName, names.SourceIdentity, time.GetUtcNow(), time.GetUtcNow().AddHours(1)), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await room.IssueAsync("prod-readonly");
        var link = await room.Links.CreateAsync(fresh.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.True(link.Succeeded, link.Failure?.AdminMessage);
    }

    [Fact]
    public async Task Removing_A_Revocation_Takes_Only_Its_Statement_And_Deletes_The_Policy_With_The_Last()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();
        var now = time.GetUtcNow();
        await revoker.DenyAsync(Deny("req_01", "jane+abc", "jane+abc", now, now.AddHours(1)), CancellationToken.None);
        await revoker.DenyAsync(Deny("req_02", "bob+def", null, now, now.AddHours(4)), CancellationToken.None);

        Assert.Equal(RevokeAttempt.Done, await revoker.RemoveAsync(AwsRoomHarness.ReadOnlyRole, new RequestId("req_01"), CancellationToken.None));
        var left = room.StandIn.RolePolicies("ReadOnly").Values.Single();
        Assert.DoesNotContain("ChatOpsRevoke01Until", left, StringComparison.Ordinal);
        Assert.Contains("\"aws:userid\":\"*:bob+def\"", left, StringComparison.Ordinal);

        Assert.Equal(RevokeAttempt.Done, await revoker.RemoveAsync(AwsRoomHarness.ReadOnlyRole, new RequestId("req_02"), CancellationToken.None));
        Assert.Empty(room.StandIn.RolePolicies("ReadOnly"));
        Assert.Equal(RevokeAttempt.Done, await revoker.RemoveAsync(AwsRoomHarness.ReadOnlyRole, new RequestId("req_02"), CancellationToken.None));
    }

    [Fact]
    public async Task A_Lost_Update_Is_Caught_By_Reading_Back_And_Written_Again()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await StartAsync(time);
        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();
        var now = time.GetUtcNow();
        room.StandIn.LoseNextRolePolicyWrites(2);

        var revoked = await revoker.DenyAsync(Deny("req_0d", "jane+abc", "jane+abc", now, now.AddHours(1)), CancellationToken.None);

        Assert.Equal(RevokeAttempt.Done, revoked);
        Assert.Contains("ChatOpsRevoke0dUntil", room.StandIn.RolePolicies("ReadOnly").Values.Single(), StringComparison.Ordinal);
        Assert.Equal(3, room.StandIn.Calls("PutRolePolicy"));
    }

    [Fact]
    public async Task Writes_That_Keep_Getting_Lost_Are_Reported_Unavailable_For_A_Later_Retry()
    {
        await using var room = await StartAsync(TimeProvider.System);
        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();
        room.StandIn.LoseNextRolePolicyWrites(SessionRevoker.MaxRounds);
        var now = TimeProvider.System.GetUtcNow();

        var revoked = await revoker.DenyAsync(Deny("req_0e", "jane+abc", "jane+abc", now, now.AddHours(1)), CancellationToken.None);

        Assert.Equal(RevokeAttemptStatus.Unavailable, revoked.Status);
        Assert.True(revoked.Retryable);
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

        var revoker = room.Services.GetRequiredService<IRoleSessionRevoker>();
        var now = time.GetUtcNow();
        var last = RevokeAttempt.Done;
        var count = 0;
        while (last.Status == RevokeAttemptStatus.Done && count < 200)
        {
            last = await revoker.DenyAsync(Deny($"req_{count:x4}", $"user{count}+abcdef", $"user{count}+abcdef", now, now.AddHours(1)), CancellationToken.None);
            count++;
        }

        Assert.Equal(RevokeAttemptStatus.PolicyFull, last.Status);
        Assert.InRange(count, 20, 199);
        Assert.True(room.StandIn.RolePolicies("ReadOnly").Values.Sum(d => d.Count(c => !char.IsWhiteSpace(c))) <= AwsStandIn.InlinePolicyLimit);
    }

    [Fact]
    public async Task Throttling_Is_Retried_But_Access_Denied_Is_Not()
    {
        await using var room = await StartAsync(TimeProvider.System);
        var iam = room.Services.GetRequiredService<IamClient>();

        room.StandIn.FailNext("GetRolePolicy", 400, "Throttling", times: 2);
        var throttled = await iam.GetRolePolicyAsync("ReadOnly", "chatops-signin-revocations", CancellationToken.None);
        room.StandIn.FailNext("PutRolePolicy", 403, "AccessDenied");
        var denied = await iam.PutRolePolicyAsync("ReadOnly", "chatops-signin-revocations", """{"Statement":[]}""", CancellationToken.None);

        Assert.Null(throttled.Error);
        Assert.Null(throttled.Value);
        Assert.Equal(3, room.StandIn.Calls("GetRolePolicy"));
        Assert.Equal("AccessDenied", denied.Error?.Code);
        Assert.Equal(1, room.StandIn.Calls("PutRolePolicy"));
        Assert.Equal(RevokeAttemptStatus.Refused, SessionRevoker.Attempt(denied.Error!).Status);
    }

    [Fact]
    public async Task A_Wrong_Secret_Fails_Iams_Signature_Check()
    {
        await using var room = await AwsRoomHarness.StartAsync(credentials: s => new BasicAWSCredentials(s.BrokerAccessKeyId, "wrong-secret"));
        var iam = room.Services.GetRequiredService<IamClient>();

        var reply = await iam.GetRolePolicyAsync("ReadOnly", "chatops-signin-revocations", CancellationToken.None);

        Assert.Equal("SignatureDoesNotMatch", reply.Error?.Code);
        Assert.Equal(403, reply.Error?.Status);
    }

    private static RoleSessionDeny Deny(string id, string sessionName, string? sourceIdentity, DateTimeOffset at, DateTimeOffset until) =>
        new(new RequestId(id), AwsRoomHarness.ReadOnlyRole, sessionName, sourceIdentity, at, until);

    private static Task<AwsRoomHarness> StartAsync(TimeProvider time) => AwsRoomHarness.StartAsync(time: time);
}
