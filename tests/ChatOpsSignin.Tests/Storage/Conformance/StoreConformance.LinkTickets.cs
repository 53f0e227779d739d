using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage.Conformance;

public abstract partial class StoreConformance
{
    private static LinkTicket Ticket(string hash, string payload = """{"request":"x"}""") =>
        new(hash, new RequestId("req_" + hash[..8]), payload, T0, T0.AddMinutes(15));

    [Fact]
    public async Task A_Ticket_Is_Consumed_Once_With_Every_Field_And_Then_Reads_As_Used()
    {
        var tickets = NewReplica().Tickets;
        var ticket = Ticket("0123456789abcdef", """{"request":"ünïcödé ✓"}""");
        await tickets.AddAsync(ticket, CancellationToken.None);

        var first = await tickets.TryConsumeAsync(ticket.IdHash, T0.AddMinutes(1), CancellationToken.None);
        var second = await NewReplica().Tickets.TryConsumeAsync(ticket.IdHash, T0.AddMinutes(2), CancellationToken.None);

        Assert.Equal(new LinkTicketClaim(LinkTicketStatus.Consumed, ticket), first);
        Assert.Equal(new LinkTicketClaim(LinkTicketStatus.AlreadyUsed, ticket), second);
    }

    [Fact]
    public async Task An_Expired_Ticket_Cannot_Be_Consumed_And_An_Unknown_One_Is_Unknown()
    {
        var tickets = NewReplica().Tickets;
        var ticket = Ticket("fedcba9876543210");
        await tickets.AddAsync(ticket, CancellationToken.None);

        var expired = await tickets.TryConsumeAsync(ticket.IdHash, ticket.ExpiresAt, CancellationToken.None);
        var unknown = await tickets.TryConsumeAsync("00000000deadbeef", T0, CancellationToken.None);

        Assert.Equal(LinkTicketStatus.Expired, expired.Status);
        Assert.Equal(ticket, expired.Ticket);
        Assert.Equal(LinkTicketClaim.Unknown, unknown);
    }

    [Fact]
    public async Task Pruning_Forgets_Tickets_A_Day_After_They_Expired_And_Keeps_The_Rest()
    {
        var tickets = NewReplica().Tickets;
        var old = Ticket("0000aaaa0000aaaa");
        var used = Ticket("1111bbbb1111bbbb");
        var recent = Ticket("2222cccc2222cccc") with { ExpiresAt = T0.AddDays(1).AddHours(1) };
        foreach (var ticket in new[] { old, used, recent })
        {
            await tickets.AddAsync(ticket, CancellationToken.None);
        }

        await tickets.TryConsumeAsync(used.IdHash, T0.AddMinutes(1), CancellationToken.None);
        var now = old.ExpiresAt + LinkTicket.KeptAfterExpiry + TimeSpan.FromMinutes(1);

        await tickets.PruneAsync(now, CancellationToken.None);

        Assert.Equal(LinkTicketClaim.Unknown, await tickets.TryConsumeAsync(old.IdHash, now, CancellationToken.None));
        Assert.Equal(LinkTicketClaim.Unknown, await NewReplica().Tickets.TryConsumeAsync(used.IdHash, now, CancellationToken.None));
        Assert.Equal(new LinkTicketClaim(LinkTicketStatus.Consumed, recent), await tickets.TryConsumeAsync(recent.IdHash, now, CancellationToken.None));
    }

    [Fact]
    public async Task Adding_A_Ticket_Twice_Keeps_The_First()
    {
        var tickets = NewReplica().Tickets;
        await tickets.AddAsync(Ticket("aaaaaaaabbbbbbbb", "first"), CancellationToken.None);
        await tickets.AddAsync(Ticket("aaaaaaaabbbbbbbb", "second"), CancellationToken.None);

        var claim = await tickets.TryConsumeAsync("aaaaaaaabbbbbbbb", T0, CancellationToken.None);

        Assert.Equal("first", claim.Ticket?.Payload);
    }

    [Fact]
    public async Task Twenty_Concurrent_Clicks_On_Two_Replicas_Consume_A_Ticket_Once()
    {
        var replicas = new[] { NewReplica().Tickets, NewReplica().Tickets };
        await replicas[0].AddAsync(Ticket("1111222233334444"), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            replicas[i % 2].TryConsumeAsync("1111222233334444", T0.AddMinutes(1), CancellationToken.None))));

        Assert.Single(claims, c => c.Status == LinkTicketStatus.Consumed);
        Assert.All(claims.Where(c => c.Status != LinkTicketStatus.Consumed), c => Assert.Equal(LinkTicketStatus.AlreadyUsed, c.Status));
    }
}
