using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>Quorums (<c>Approval:Required</c>): the vote list is stored, and a vote is a compare-and-set on it.</summary>
public abstract partial class StoreConformance
{
    private static readonly ChatUser DaveUser = new(ChatUserId.Parse("slack:T1/U4"), "dave");

    private static PendingApproval Quorum(string id, int required) => Approval(id) with { Required = required };

    [Fact]
    public async Task Required_And_Votes_Round_Trip()
    {
        var store = NewReplica().Approvals;
        var votes = new ValueList<ApprovalVote>(
        [
            new ApprovalVote(BobUser, "person:bob", T0.AddMinutes(1).AddTicks(7)),
            new ApprovalVote(CarolUser, CarolUser.Id.Key, T0.AddMinutes(2)),
        ]);
        var approval = Quorum("req_votes", 3) with { Votes = votes };

        await store.TryAddAsync(approval, CancellationToken.None);

        Assert.Equal(approval, await store.GetAsync(approval.Request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_Vote_Below_The_Quorum_Keeps_It_Pending_And_The_Last_One_Approves()
    {
        var store = NewReplica().Approvals;
        var id = new RequestId("req_q");
        await store.TryAddAsync(Quorum(id.Value, 2), CancellationToken.None);
        var one = new ValueList<ApprovalVote>([new ApprovalVote(BobUser, BobUser.Id.Key, T0.AddMinutes(1))]);
        var two = one.Add(new ApprovalVote(CarolUser, CarolUser.Id.Key, T0.AddMinutes(2)));

        var first = await store.TryAddVoteAsync(id, one, completes: false, T0.AddMinutes(1), CancellationToken.None);
        var stale = await store.TryAddVoteAsync(id, one, completes: false, T0.AddMinutes(1), CancellationToken.None);
        var second = await store.TryAddVoteAsync(id, two, completes: true, T0.AddMinutes(2), CancellationToken.None);

        Assert.True(first.Won);
        Assert.Equal(Quorum(id.Value, 2) with { Votes = one }, first.Current);
        Assert.False(stale.Won);
        Assert.True(second.Won);
        Assert.Equal(
            Quorum(id.Value, 2) with { Votes = two, State = ApprovalState.Approved, DecidedBy = CarolUser, DecidedAt = T0.AddMinutes(2) },
            second.Current);
    }

    [Fact]
    public async Task A_Vote_On_A_Denied_Or_Expired_Request_Changes_Nothing()
    {
        var store = NewReplica().Approvals;
        var denied = new RequestId("req_qd");
        var late = new RequestId("req_ql");
        await store.TryAddAsync(Quorum(denied.Value, 2), CancellationToken.None);
        await store.TryAddAsync(Quorum(late.Value, 2) with { ExpiresAt = T0.AddMinutes(5) }, CancellationToken.None);
        var one = new ValueList<ApprovalVote>([new ApprovalVote(BobUser, BobUser.Id.Key, T0.AddMinutes(1))]);
        await store.TryAddVoteAsync(denied, one, completes: false, T0.AddMinutes(1), CancellationToken.None);
        await store.TryDecideAsync(denied, ApprovalState.Denied, DaveUser, T0.AddMinutes(2), CancellationToken.None);

        var onDenied = await store.TryAddVoteAsync(denied, one.Add(new ApprovalVote(CarolUser, CarolUser.Id.Key, T0.AddMinutes(3))), true, T0.AddMinutes(3), CancellationToken.None);
        var onExpired = await store.TryAddVoteAsync(late, one, completes: false, T0.AddMinutes(5), CancellationToken.None);

        Assert.False(onDenied.Won);
        Assert.Equal(ApprovalState.Denied, onDenied.Current!.State);
        Assert.Equal(one, onDenied.Current.Votes);
        Assert.False(onExpired.Won);
        Assert.Empty(onExpired.Current!.Votes);
    }

    [Fact]
    public async Task Two_Approvers_At_Once_On_Two_Replicas_With_Required_Two_Give_Exactly_One_Approval()
    {
        for (var round = 0; round < 5; round++)
        {
            var replicas = new[] { NewReplica().Approvals, NewReplica().Approvals };
            var id = new RequestId($"req_qrace_{round}");
            await replicas[0].TryAddAsync(Quorum(id.Value, 2), CancellationToken.None);
            var seen = await Task.WhenAll(replicas.Select(r => r.GetAsync(id, CancellationToken.None)));

            var results = await Task.WhenAll(new[] { BobUser, CarolUser }.Select((voter, i) => Task.Run(() => QuorumVoting.VoteAsync(
                replicas[i], seen[i]!, voter, voter.Id.Key, T0.AddMinutes(1), CancellationToken.None))));

            Assert.Single(results, r => r.Result == QuorumVoting.Result.Approved);
            Assert.Single(results, r => r.Result == QuorumVoting.Result.Counted);
            var stored = await replicas[1].GetAsync(id, CancellationToken.None);
            Assert.Equal(ApprovalState.Approved, stored!.State);
            Assert.Equal(2, stored.Votes.Count);
            Assert.Equal(2, stored.Votes.Select(v => v.Person).Distinct().Count());
        }
    }

    [Fact]
    public async Task The_Same_Person_Approving_Twice_At_Once_Counts_Once()
    {
        var replicas = new[] { NewReplica().Approvals, NewReplica().Approvals };
        var id = new RequestId("req_qtwice");
        await replicas[0].TryAddAsync(Quorum(id.Value, 2), CancellationToken.None);
        var seen = (await replicas[0].GetAsync(id, CancellationToken.None))!;
        var slackBob = BobUser;
        var teamsBob = new ChatUser(ChatUserId.Parse("teams:tenant-1/aad-bob"), "bob@example.com");

        var results = await Task.WhenAll(new[] { slackBob, teamsBob }.Select((voter, i) => Task.Run(() => QuorumVoting.VoteAsync(
            replicas[i], seen, voter, "person:bob", T0.AddMinutes(1), CancellationToken.None))));

        Assert.Single(results, r => r.Result == QuorumVoting.Result.Counted);
        Assert.Single(results, r => r.Result == QuorumVoting.Result.AlreadyVoted);
        var stored = await replicas[1].GetAsync(id, CancellationToken.None);
        Assert.Equal(ApprovalState.Pending, stored!.State);
        Assert.Single(stored.Votes);
    }
}
