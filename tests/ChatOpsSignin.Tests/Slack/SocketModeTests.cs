using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.SocketMode;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>Socket Mode against the stand-in's WebSocket: acks, shared handlers, reconnects (tiny real backoff from options).</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private SlackStandIn standIn = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync();
        standIn.AddUser(SlackSamples.Requester, "road.runner");
        host = await SlackTestHost.StartAsync(standIn, TimeProvider.System, socketMode: true);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task Slash_Command_Envelope_Is_Acked_With_The_Ephemeral_Reply()
    {
        var socket = await standIn.WaitForSocketAsync(1, Timeout);
        var responseUrl = standIn.NewResponseUrl();
        var payload = SlackPayloads.SlashCommandJson(SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "prod-readonly why", responseUrl));

        var envelopeId = await socket.PushAsync("slash_commands", payload);
        var ack = await standIn.WaitForAsync(_ => socket.AckFor(envelopeId), Timeout);

        Assert.Null(ack["payload"]); // acked before the work; the reply follows on the response_url
        var request = await host.Broker.FirstSubmit.WaitAsync(Timeout);
        var reply = await standIn.WaitForAsync(_ => (standIn.ResponsesTo(responseUrl) is [var first, ..] ? first : null), Timeout);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains(request.Id.Value, reply.Text, StringComparison.Ordinal);
        Assert.Equal(("prod-readonly", "why"), (request.Profile, request.Reason));
    }

    [Fact]
    public async Task Interactive_Envelope_Is_Decided_And_Acked_Without_Payload()
    {
        var socket = await standIn.WaitForSocketAsync(1, Timeout);
        var click = SlackPayloads.BlockActions(SlackStandIn.TeamId, SlackSamples.Approver, "wile.e", "deny", "req_0a", standIn.NewResponseUrl());

        var envelopeId = await socket.PushAsync("interactive", click, acceptsResponsePayload: false);
        var ack = await standIn.WaitForAsync(_ => socket.AckFor(envelopeId), Timeout);

        Assert.Equal([envelopeId], ack.Select(p => p.Value!.GetValue<string>()));
        await host.Broker.FirstDecision.WaitAsync(Timeout);
        var decision = Assert.Single(host.Broker.Decisions);
        Assert.Equal((new RequestId("req_0a"), false), (decision.Id, decision.Approve));
    }

    [Fact]
    public async Task A_Redelivered_Envelope_Is_Acked_Again_But_Run_Once()
    {
        var socket = await standIn.WaitForSocketAsync(1, Timeout);
        var payload = SlackPayloads.SlashCommandJson(SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "prod-readonly", standIn.NewResponseUrl()));

        var envelopeId = await socket.PushAsync("slash_commands", payload);
        await standIn.WaitForAsync(_ => socket.AckFor(envelopeId), Timeout);
        await host.Broker.FirstSubmit.WaitAsync(Timeout);
        var second = await standIn.WaitForSocketAsync(1, Timeout);
        await second.PushAsync("slash_commands", payload, envelopeId: envelopeId);
        var click = SlackPayloads.BlockActions(SlackStandIn.TeamId, SlackSamples.Approver, "wile.e", "deny", "req_0b", standIn.NewResponseUrl());
        var later = await second.PushAsync("interactive", click, acceptsResponsePayload: false);
        await standIn.WaitForAsync(_ => second.AckFor(later), Timeout);
        await host.Broker.FirstDecision.WaitAsync(Timeout);

        Assert.Single(host.Broker.Submitted);
    }

    [Fact]
    public async Task Disconnect_Message_Leads_To_A_New_Connection()
    {
        var first = await standIn.WaitForSocketAsync(1, Timeout);

        await first.SendDisconnectAsync("refresh_requested");
        var second = await standIn.WaitForSocketAsync(2, Timeout);

        await first.Closed.WaitAsync(Timeout);
        var envelopeId = await second.PushAsync("events_api", new System.Text.Json.Nodes.JsonObject { ["type"] = "event_callback" });
        Assert.NotNull(await standIn.WaitForAsync(_ => second.AckFor(envelopeId), Timeout));
        Assert.Equal(2, standIn.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Dropped_Connection_Is_Reopened_With_A_Fresh_Url()
    {
        var first = await standIn.WaitForSocketAsync(1, Timeout);

        first.Drop();
        var second = await standIn.WaitForSocketAsync(2, Timeout);

        var responseUrl = standIn.NewResponseUrl();
        var payload = SlackPayloads.SlashCommandJson(SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "help", responseUrl));
        var envelopeId = await second.PushAsync("slash_commands", payload);
        Assert.NotNull(await standIn.WaitForAsync(_ => second.AckFor(envelopeId), Timeout));
        var reply = await standIn.WaitForAsync(_ => (standIn.ResponsesTo(responseUrl) is [var first, ..] ? first : null), Timeout);
        Assert.Contains("prod-readonly", reply.Text, StringComparison.Ordinal);
        Assert.True(standIn.CallCount("apps.connections.open") >= 2);
    }

    [Theory]
    [InlineData(0, 1000, 500, 1000)]
    [InlineData(1, 1000, 1000, 2000)]
    [InlineData(3, 1000, 4000, 8000)]
    [InlineData(30, 1000, 30000, 60000)]
    public void Reconnect_Backoff_Grows_With_Jitter_And_Is_Capped(int failures, int minMs, int lowMs, int highMs)
    {
        var min = TimeSpan.FromMilliseconds(minMs);
        var max = TimeSpan.FromSeconds(60);

        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), ReconnectBackoff.Delay(failures, min, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(highMs), ReconnectBackoff.Delay(failures, min, max, 1));
    }
}
