using System.Net;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class ApprovalClickTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Action_Execute_Is_Answered_Synchronously_With_The_Decided_Card()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var pending = RecordingBroker.Pending("req_abc", TestLinks.Alice, time.GetUtcNow());
        host.Broker.Decide = (id, decider, approve) => new DecisionResult(
            DecisionStatus.Taken, pending with { State = ApprovalState.Approved, DecidedBy = decider, DecidedAt = time.GetUtcNow() }, "Approved.");
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "approve", "req_abc");

        var response = await host.PostAsync(click, host.TokenFor(click));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Approved by Bob", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        var decision = Assert.Single(host.Broker.Decisions);
        Assert.Equal(("req_abc", "teams:tenant-1/aad-bob", "Bob", true), (decision.Id.Value, decision.Decider.Id.Key, decision.Decider.Handle, decision.Approve));
    }

    [Theory]
    [InlineData(DecisionStatus.NotAnApprover, "You are not an approver of this profile.")]
    [InlineData(DecisionStatus.SelfApproval, "You cannot approve your own request.")]
    public async Task Refused_Click_Keeps_The_Buttons_And_Says_Why(DecisionStatus status, string message)
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var pending = RecordingBroker.Pending("req_abc", TestLinks.Alice, time.GetUtcNow());
        host.Broker.Decide = (_, _, _) => new DecisionResult(status, pending, message);
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "deny", "req_abc");

        var body = JsonNode.Parse(await (await host.PostAsync(click, host.TokenFor(click))).Content.ReadAsStringAsync())!;

        var card = body["value"]!.ToJsonString();
        Assert.Contains(message, card, StringComparison.Ordinal);
        Assert.Contains("Action.Execute", card, StringComparison.Ordinal);
        Assert.False(Assert.Single(host.Broker.Decisions).Approve);
    }

    [Fact]
    public async Task Click_On_An_Already_Decided_Request_Shows_Who_Decided()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var decided = RecordingBroker.Pending("req_abc", TestLinks.Alice, time.GetUtcNow()) with
        {
            State = ApprovalState.Denied,
            DecidedBy = new(ChatOpsSignin.Core.Identity.ChatUserId.Teams("tenant-1", "aad-carol"), "Carol"),
        };
        host.Broker.Decide = (_, _, _) => new DecisionResult(DecisionStatus.AlreadyDecided, decided, "Carol already decided.");
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "approve", "req_abc");

        var body = JsonNode.Parse(await (await host.PostAsync(click, host.TokenFor(click))).Content.ReadAsStringAsync())!;

        Assert.Contains("Denied by Carol", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", body["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_Submit_Message_Is_Decided_And_Leaves_The_Card_To_The_Driver()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var pending = RecordingBroker.Pending("req_abc", TestLinks.Alice, time.GetUtcNow());
        host.Broker.Decide = (id, decider, approve) => new DecisionResult(DecisionStatus.Taken, pending with { State = ApprovalState.Approved, DecidedBy = decider }, "ok");
        var click = TestActivities.Channel(host.Connector.ServiceUrl, string.Empty, "29:bob", "aad-bob", "Bob");
        click["replyToId"] = "act-card";
        click["value"] = new JsonObject { ["requestId"] = "req_abc", ["verb"] = "approve" };

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(click, host.TokenFor(click))).StatusCode);

        // The message is run before the 200, so by now the edge has done all it will: decided, and nothing sent.
        var decision = Assert.Single(host.Broker.Decisions);
        Assert.Equal(("req_abc", true), (decision.Id.Value, decision.Approve));
        Assert.Empty(host.Connector.Activities);
    }

    [Fact]
    public async Task Clicker_Without_Entra_Object_Id_Is_Told_Why()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var click = TestActivities.Execute(host.Connector.ServiceUrl, "approve", "req_abc");
        click["from"]!.AsObject().Remove("aadObjectId");

        var body = JsonNode.Parse(await (await host.PostAsync(click, host.TokenFor(click))).Content.ReadAsStringAsync())!;

        Assert.Contains("aadObjectId", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(host.Broker.Decisions);
    }
}
