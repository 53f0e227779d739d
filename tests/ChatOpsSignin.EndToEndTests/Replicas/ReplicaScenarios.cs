using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// Two bot processes on one shared store behind the same Slack and AWS stand-ins (issue 9, item 5). Every scenario runs
/// on each engine that supports several replicas: <see cref="PostgresReplicaTests"/> and <see cref="DynamoDbReplicaTests"/>.
/// </summary>
[Trait("Category", "EndToEnd")]
public abstract class ReplicaScenarios(ITestOutputHelper output) : IAsyncLifetime
{
    private ReplicaRig rig = null!;

    public async Task InitializeAsync() => rig = await ReplicaRig.StartAsync(await StartStoreAsync());

    public async Task DisposeAsync()
    {
        if (rig is null)
        {
            return;
        }

        // Every replica's log, every generation: what a failure needs to be understood.
        output.WriteLine(rig.Logs());
        await rig.DisposeAsync();
    }

    protected abstract Task<SharedStore> StartStoreAsync();

    [Fact]
    public async Task Approve_Clicked_On_Both_Replicas_At_Once_Gives_One_Decision_One_Link_And_Tells_The_Other_Clicker()
    {
        await rig.StartBothAsync();
        using var ack = await rig.CommandAsync(rig.A, "prod change window");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var requestId = RequestIdIn(await ack.Content.ReadAsStringAsync());
        await rig.WaitUntilAsync(() => rig.Prompts().Count > 0, "the approval prompt");

        var onA = await SignedRequest.ClickAsync(rig.Slack, ReplicaRig.Lead, "wile.e", "approve", requestId);
        var onB = await SignedRequest.ClickAsync(rig.Slack, ReplicaRig.OtherLead, "marvin", "approve", requestId);
        var clicks = await Task.WhenAll(ReplicaRig.PostAsync(rig.A, onA), ReplicaRig.PostAsync(rig.B, onB));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        foreach (var click in clicks)
        {
            click.Dispose();
        }

        // The loser hears who won, on its own response_url; the winner hears nothing there.
        string Told(SignedRequest click) => string.Concat(rig.Slack.ResponsesTo(click.ResponseUrl!).Select(p => p.Text));
        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0 && (Told(onA) + Told(onB)).Length > 0, "the link and the loser's notice");
        await Task.Delay(ReplicaRig.Settle);
        var (loser, winner, winnerName) = Told(onA).Length > 0 ? (onA, ReplicaRig.OtherLead, "marvin") : (onB, ReplicaRig.Lead, "wile.e");
        Assert.Empty(Told(loser == onA ? onB : onA));
        var notice = Assert.Single(rig.Slack.ResponsesTo(loser.ResponseUrl!));
        Assert.Equal("ephemeral", notice.ResponseType);
        Assert.StartsWith($"Already approved by {winnerName}", notice.Text, StringComparison.Ordinal);
        Assert.Single(rig.LinkMessages());
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
        var prompt = Assert.Single(rig.Prompts());
        Assert.Equal(1, prompt.Updates);
        Assert.Contains($"Approved by <@{winner}>", prompt.BlocksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Signed_Request_Accepted_By_One_Replica_Is_Refused_With_401_When_Replayed_To_The_Other()
    {
        await rig.StartBothAsync();
        var request = await SignedRequest.CommandAsync(rig.Slack, "dev", ReplicaRig.Requester);

        using var accepted = await ReplicaRig.PostAsync(rig.A, request);
        using var replayed = await ReplicaRig.PostAsync(rig.B, request);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "the link of the accepted request");
        await Task.Delay(ReplicaRig.Settle);
        Assert.Single(rig.LinkMessages());
        Assert.Equal(1, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task A_Link_Is_Removed_From_Chat_Exactly_Once_When_Both_Replicas_Find_It_Due()
    {
        await rig.StartBothAsync();
        using var ack = await rig.CommandAsync(rig.B, "dev");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "the link");
        var link = Assert.Single(rig.LinkMessages());

        // Both new replicas wake up 16 minutes later: the link is due for removal on both at once.
        await rig.KillAndRestartBothAsync(clockOffset: TimeSpan.FromMinutes(16));

        await rig.WaitUntilAsync(() => link.Updates > 0, "the removal");
        await Task.Delay(ReplicaRig.Settle);
        Assert.Equal(1, link.Updates);
        Assert.DoesNotContain("SigninToken=", link.BlocksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Replica_Killed_While_It_Holds_A_Lease_Mid_Issue_Is_Finished_Once_By_The_Other_After_The_Lease_Expires()
    {
        // Short, so B takes over soon after A dies; nothing else competes for the request while A is gone.
        rig.LeaseDuration = TimeSpan.FromSeconds(5);
        await rig.StartBothAsync();
        rig.Aws.HangNext("AssumeRole");

        using var ack = await rig.CommandAsync(rig.A, "dev");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await rig.WaitUntilAsync(() => rig.Aws.Calls("AssumeRole") == 1, "A's hanging AssumeRole");
        await rig.A.KillAsync();

        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "B's link after A's lease ran out");
        await Task.Delay(ReplicaRig.Settle);
        Assert.Single(rig.LinkMessages());
        Assert.Equal(2, rig.Aws.Calls("AssumeRole"));
        Assert.Single(rig.Aws.Sessions);
    }

    /// <summary>
    /// Readiness has the check "store"; the Slack edge answers 503 when nothing can be recorded (a 500 would keep the
    /// promise too; a 200 "received" would break it). Nothing the refused command carried shows up once the store is back.
    /// </summary>
    [Fact]
    public async Task A_Replica_That_Loses_Its_Database_Is_Not_Ready_And_Acknowledges_Nothing_It_Cannot_Record()
    {
        await rig.StartBothAsync();
        await ReplicaRig.WaitForReadinessAsync(rig.A, HttpStatusCode.OK);

        await rig.Store.LoseAsync();
        await ReplicaRig.WaitForReadinessAsync(rig.A, HttpStatusCode.ServiceUnavailable);
        var command = await SignedRequest.CommandAsync(rig.Slack, "dev", ReplicaRig.Requester);
        using var refused = await ReplicaRig.PostAsync(rig.A, command);
        Assert.True(
            refused.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError,
            $"Without its database the bot answered {(int)refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("received", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await rig.Store.RestoreAsync();
        await ReplicaRig.WaitForReadinessAsync(rig.A, HttpStatusCode.OK);
        await ReplicaRig.WaitForReadinessAsync(rig.B, HttpStatusCode.OK);
        await Task.Delay(ReplicaRig.Settle);
        Assert.Equal(0, rig.Aws.Calls("AssumeRole"));
        Assert.Empty(rig.Slack.MessagesIn(StandIns.Slack.SlackStandIn.DirectMessageChannel(ReplicaRig.Requester)));
        Assert.Empty(rig.Slack.ResponsesTo(command.ResponseUrl!));
    }

    private static string RequestIdIn(string ackJson)
    {
        using var ack = JsonDocument.Parse(ackJson);
        var text = ack.RootElement.GetProperty("text").GetString()!;
        var start = text.IndexOf("req_", StringComparison.Ordinal);
        return text[start..text.IndexOf('`', start)];
    }
}
