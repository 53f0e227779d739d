using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Audit;
using ChatOpsSignin.Storage.Links;
using ChatOpsSignin.Storage.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>The janitor's one pass over real SQLite stores: what expired goes, what is still needed stays.</summary>
public sealed class StoreJanitorTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_Pass_Prunes_Tickets_A_Day_Past_Expiry_But_Keeps_Recent_Ones()
    {
        var connections = database.NewReplica();
        var replays = new SqliteReplayGuard(connections);
        var tickets = new SqliteLinkTicketStore(connections);
        var clock = new FakeTimeProvider(T0);
        Assert.True(await replays.TryFirstSightingAsync("seen-once", T0, T0.AddMinutes(5), CancellationToken.None));
        await tickets.AddAsync(new LinkTicket("aaaa1111aaaa1111", new RequestId("req_old"), "{}", T0, T0.AddMinutes(15)), CancellationToken.None);
        await tickets.AddAsync(new LinkTicket("bbbb2222bbbb2222", new RequestId("req_new"), "{}", T0, T0.AddDays(2)), CancellationToken.None);
        var janitor = new StoreJanitor(
            replays,
            new SqliteRateLimitStore(connections),
            tickets,
            new SqliteAuditLog(connections),
            Options.Create(new AuditOptions()),
            clock,
            NullLogger<StoreJanitor>.Instance);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(20));
        await janitor.PruneAsync(CancellationToken.None);

        Assert.True(await replays.TryFirstSightingAsync("seen-once", clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(5), CancellationToken.None));
        Assert.Equal(LinkTicketStatus.Unknown, (await tickets.TryConsumeAsync("aaaa1111aaaa1111", clock.GetUtcNow(), CancellationToken.None)).Status);
        Assert.Equal(LinkTicketStatus.Consumed, (await tickets.TryConsumeAsync("bbbb2222bbbb2222", clock.GetUtcNow(), CancellationToken.None)).Status);
    }
}
