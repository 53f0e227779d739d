using System.Net;
using System.Text.Json.Nodes;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;

namespace ChatOpsSignin.Tests.Teams;

/// <summary>
/// Which Bot Connector calls are retried (issue 11 item 6): 429/412 for every call; gateway errors and timeouts only for
/// idempotent calls, because a POST that creates a message may have been delivered. Against the connector stand-in.
/// </summary>
public sealed class ConnectorRetryTests
{
    private static readonly JsonObject Hello = OutboundActivity.Text("hello");

    public static TheoryData<int> NotActedOn => [429, 412];

    public static TheoryData<int> GatewayErrors => [502, 503, 504];

    [Theory]
    [MemberData(nameof(NotActedOn))]
    public async Task Status_The_Connector_Did_Not_Act_On_Is_Retried_Even_For_A_Post_Honouring_Retry_After(int status)
    {
        // Real clock: the retry really waits the 1 s Retry-After.
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(status, retryAfterSeconds: 1);

        var id = await host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None);

        Assert.StartsWith("act-", id, StringComparison.Ordinal);
        Assert.Equal(2, host.Connector.Attempts);
    }

    [Theory]
    [MemberData(nameof(GatewayErrors))]
    public async Task Gateway_Error_On_A_Message_Post_Is_Not_Retried_And_Marked_Outcome_Unknown(int status)
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(status, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, host.Connector.Attempts);
    }

    [Fact]
    public async Task Gateway_Error_On_Create_Conversation_Is_Not_Retried()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.AddMember(new("29:alice", "Alice", "aad-alice", null, null));
        host.Connector.FailNext(503, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().CreatePersonalConversationAsync(host.Connector.ServiceUrl, "28:app-id", "29:alice", "tenant-1", CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, host.Connector.Attempts);
    }

    [Theory]
    [MemberData(nameof(GatewayErrors))]
    public async Task Gateway_Error_On_An_Update_Is_Retried(int status)
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(status, retryAfterSeconds: 0);

        await host.Get<BotConnectorClient>().UpdateAsync(host.Connector.ServiceUrl, "a:alice-chat", "act-9", Hello.DeepClone().AsObject(), CancellationToken.None);

        Assert.Equal("PUT", Assert.Single(host.Connector.Activities).Method);
        Assert.Equal(2, host.Connector.Attempts);
    }

    [Fact]
    public async Task Timed_Out_Post_Is_Not_Retried_And_Surfaces_As_A_ConnectorException()
    {
        // Long enough that the request reaches the stand-in on a loaded machine before the timeout fires.
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System, new() { ["Teams:ConnectorTimeout"] = "00:00:03" });
        var stall = host.Connector.StallNext();
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() =>
                host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

            Assert.True(error.OutcomeUnknown);
            Assert.Equal(1, host.Connector.Attempts);
            Assert.Empty(host.Connector.Activities);
        }
        finally
        {
            stall.TrySetResult();
        }
    }

    [Fact]
    public async Task Timed_Out_Get_Is_Retried()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System, new() { ["Teams:ConnectorTimeout"] = "00:00:03" });
        host.Connector.AddMember(new("29:alice", "Alice", "aad-alice", "alice@example.com", null));
        var stall = host.Connector.StallNext();
        try
        {
            var member = await host.Get<BotConnectorClient>().GetMemberAsync(host.Connector.ServiceUrl, "a:alice-chat", "29:alice", CancellationToken.None);

            Assert.Equal("alice@example.com", member?.UserPrincipalName);
            Assert.Equal(2, host.Connector.Attempts);
        }
        finally
        {
            stall.TrySetResult();
        }
    }

    [Fact]
    public async Task Retries_Are_Bounded()
    {
        await using var host = await TeamsTestHost.StartAsync(TimeProvider.System);
        host.Connector.FailNext(429, times: 10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Get<BotConnectorClient>().SendAsync(host.Connector.ServiceUrl, "a:alice-chat", Hello.DeepClone().AsObject(), null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(4, host.Connector.Attempts);
    }
}
