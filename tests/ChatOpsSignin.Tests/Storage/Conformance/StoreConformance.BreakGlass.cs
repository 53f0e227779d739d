using ChatOpsSignin.Core.Approvals;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage.Conformance;

/// <summary>A break-glass record: its session end (and so its mark) is stored; an acknowledgement is the one conditional update.</summary>
public abstract partial class StoreConformance
{
    private static PendingApproval BreakGlassRecord(string id) =>
        Approval(id) with { Request = Approval(id).Request with { BreakGlass = true }, SessionEndsAt = T0.AddMinutes(30).AddTicks(3) };

    [Fact]
    public async Task A_Break_Glass_Record_Round_Trips_With_Its_Session_End()
    {
        var store = NewReplica().Approvals;
        var record = BreakGlassRecord("req_bg");

        await store.TryAddAsync(record, CancellationToken.None);
        await store.TryAddAsync(Approval("req_plain"), CancellationToken.None);

        var read = await store.GetAsync(record.Request.Id, CancellationToken.None);
        Assert.Equal(record, read);
        Assert.True(read!.IsBreakGlass);
        Assert.True(read.Request.BreakGlass);
        var plain = await store.GetAsync(Approval("req_plain").Request.Id, CancellationToken.None);
        Assert.False(plain!.IsBreakGlass);
        Assert.False(plain.Request.BreakGlass);
    }

    [Fact]
    public async Task Of_Two_Acknowledgements_On_Two_Replicas_One_Wins()
    {
        var one = NewReplica().Approvals;
        var two = NewReplica().Approvals;
        var record = BreakGlassRecord("req_bg2");
        await one.TryAddAsync(record, CancellationToken.None);

        var first = await one.TryDecideAsync(record.Request.Id, ApprovalState.Approved, BobUser, T0.AddMinutes(1), CancellationToken.None);
        var second = await two.TryDecideAsync(record.Request.Id, ApprovalState.Approved, CarolUser, T0.AddMinutes(1), CancellationToken.None);

        Assert.True(first.Won);
        Assert.False(second.Won);
        Assert.Equal(record with { State = ApprovalState.Approved, DecidedBy = BobUser, DecidedAt = T0.AddMinutes(1) }, second.Current);
    }
}
