using System.Net;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Teams.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>The Teams edge of break-glass: the command is submitted as one; Acknowledge by Action.Execute and by Action.Submit.</summary>
public sealed class BreakGlassTeamsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("<at>ChatOpsSignin</at> break-glass prod-admin INC-7 database down")]
    [InlineData("<at>ChatOpsSignin</at> console break-glass prod-admin INC-7 database down")]
    public async Task Break_Glass_Is_Submitted_As_One_With_Its_Reason(string text)
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Channel(host.Connector.ServiceUrl, text);

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity, host.TokenFor(activity))).StatusCode);

        var request = Assert.Single(await host.Broker.WaitForSubmissionsAsync(1));
        Assert.Equal(("prod-admin", "INC-7 database down", true), (request.Profile, request.Reason, request.BreakGlass));
    }

    [Fact]
    public async Task Action_Execute_Acknowledge_Answers_With_The_Acknowledged_Card()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Broker.Acknowledge = (_, approver) => new DecisionResult(
            DecisionStatus.Taken, BreakGlass(host) with { State = ApprovalState.Approved, DecidedBy = approver, DecidedAt = time.GetUtcNow() }, "Acknowledged.");
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "acknowledge", "req_abc");

        var body = JsonNode.Parse(await (await host.PostAsync(click, host.TokenFor(click))).Content.ReadAsStringAsync())!;

        var card = body["value"]!.ToJsonString();
        Assert.Contains("Acknowledged by Bob", card, StringComparison.Ordinal);
        Assert.Contains("BREAK-GLASS", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", card, StringComparison.Ordinal);
        Assert.Equal(("req_abc", "teams:tenant-1/aad-bob"), (Assert.Single(host.Broker.Acknowledgements).Id.Value, host.Broker.Acknowledgements[0].Approver.Id.Key));
        Assert.Empty(host.Broker.Decisions);
    }

    [Fact]
    public async Task A_Refused_Acknowledge_Keeps_The_Button_And_Says_Why()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Broker.Acknowledge = (_, _) => new DecisionResult(DecisionStatus.NotAnApprover, BreakGlass(host), "You are not an approver for 'prod-admin'.");
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "acknowledge", "req_abc");

        var card = JsonNode.Parse(await (await host.PostAsync(click, host.TokenFor(click))).Content.ReadAsStringAsync())!["value"]!.ToJsonString();

        Assert.Contains("not an approver", card, StringComparison.Ordinal);
        Assert.Contains("Action.Execute", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_Submit_Acknowledge_That_Wins_Redraws_The_Announcement()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Broker.Acknowledge = (_, approver) => new DecisionResult(
            DecisionStatus.Taken, BreakGlass(host) with { State = ApprovalState.Approved, DecidedBy = approver }, "Acknowledged.");
        var click = TestActivities.Channel(host.Connector.ServiceUrl, string.Empty, "29:bob", "aad-bob", "Bob");
        click["value"] = new JsonObject { ["requestId"] = "req_abc", ["verb"] = "acknowledge" };

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(click, host.TokenFor(click))).StatusCode);

        var update = Assert.Single(host.Connector.Activities);
        Assert.Equal(("PUT", "act-announcement"), (update.Method, update.ActivityId));
        Assert.Contains("Acknowledged by Bob", update.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_Submit_Acknowledge_That_Lost_Is_Answered_With_Why()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        host.Broker.Acknowledge = (_, _) => new DecisionResult(DecisionStatus.AlreadyDecided, BreakGlass(host) with { State = ApprovalState.Approved }, "Already acknowledged by Carol.");
        var click = TestActivities.Channel(host.Connector.ServiceUrl, string.Empty, "29:bob", "aad-bob", "Bob");
        click["value"] = new JsonObject { ["requestId"] = "req_abc", ["verb"] = "acknowledge" };

        await host.PostAsync(click, host.TokenFor(click));

        var reply = Assert.Single(host.Connector.Activities);
        Assert.Equal("POST", reply.Method);
        Assert.Contains("Already acknowledged by Carol", reply.Json, StringComparison.Ordinal);
    }

    private PendingApproval BreakGlass(TeamsTestHost host) =>
        RecordingBroker.Pending("req_abc", TestLinks.Alice, time.GetUtcNow()) with
        {
            SessionEndsAt = time.GetUtcNow().AddMinutes(30),
            PromptRef = new MessageRef(host.Connector.ServiceUrl, TestActivities.ChannelConversation, "act-announcement").ToJson(),
        };
}
