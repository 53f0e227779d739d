using System.Net;
using System.Text;
using System.Text.Json;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>/slack/commands and /slack/interactivity over real HTTP, signed like Slack signs them.</summary>
public sealed class SlackEndpointTests : IAsyncLifetime
{
    private SlackStandIn standIn = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync();
        standIn.AddUser(SlackSamples.Requester, "road.runner", "road.runner@example.com");
        host = await SlackTestHost.StartAsync(standIn, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task Signed_Command_Is_Acknowledged_Ephemerally_And_Queued_With_The_Slack_Name()
    {
        var responseUrl = standIn.NewResponseUrl();
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/commands", Command("prod-readonly INC-42", responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", reply.RootElement.GetProperty("response_type").GetString());
        var request = await host.Broker.FirstSubmit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(request.Id.Value, reply.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"slack:{SlackStandIn.TeamId}/{SlackSamples.Requester}", request.Requester.Id.Key);
        Assert.Equal(SlackSamples.Requester, request.Requester.Handle); // users.info is the driver's first step, not the edge's
        Assert.Equal(("prod-readonly", "INC-42"), (request.Profile, request.Reason));
        Assert.DoesNotContain("response_url", request.ReplyTo, StringComparison.Ordinal);
        Assert.DoesNotContain(responseUrl.AbsoluteUri, request.ReplyTo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_User_Gets_The_User_Id_As_Handle()
    {
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/commands", Command("prod-readonly", null, userId: "U0NOBODY", userName: "spoofed-name"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = await host.Broker.FirstSubmit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("U0NOBODY", request.Requester.Handle);
    }

    [Fact]
    public async Task Help_Lists_The_Profiles_And_Which_Need_Approval()
    {
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/commands", Command("help", null));

        var text = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString();
        Assert.Contains("`prod-readonly` (needs approval)", text, StringComparison.Ordinal);
        Assert.Contains("`dev-admin`", text, StringComparison.Ordinal);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Cancel_Goes_To_The_Broker_As_The_Requester()
    {
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/commands", Command("cancel req_00ff", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (id, requester) = Assert.Single(host.Broker.Cancels);
        Assert.Equal(("req_00ff", $"slack:{SlackStandIn.TeamId}/{SlackSamples.Requester}"), (id.Value, requester.Id.Key));
    }

    public static TheoryData<string, TimeSpan> BadSignatures => new()
    {
        { "another secret", TimeSpan.Zero },
        { SlackServices.SigningSecret, TimeSpan.FromMinutes(6) },
        { SlackServices.SigningSecret, TimeSpan.FromMinutes(-6) },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Badly_Signed_Or_Stale_Command_Is_Refused_And_Nothing_Processed(string secret, TimeSpan clockOffset)
    {
        using var client = host.SignedClient(secret, clockOffset);

        using var response = await client.PostAsync("slack/commands", Command("prod-readonly", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Replayed_Signed_Command_Is_Refused_And_Processed_Once()
    {
        var body = await Command("prod-readonly", null).ReadAsByteArrayAsync();
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SlackRequestSigner.Sign(SlackServices.SigningSecret, timestamp, body);
        using var client = host.UnsignedClient();

        async Task<HttpStatusCode> SendCapturedRequestAsync(string signatureHeader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", signatureHeader);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await SendCapturedRequestAsync(signature));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendCapturedRequestAsync(signature));

        // The verifier accepts the hex in any case; a re-cased copy is still the same request.
        Assert.Equal(HttpStatusCode.Unauthorized, await SendCapturedRequestAsync("v0=" + signature[3..].ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendCapturedRequestAsync(" " + signature + " "));
        await host.Broker.FirstSubmit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(host.Broker.Submitted);
    }

    [Theory]
    [InlineData("slack/commands")]
    [InlineData("slack/interactivity")]
    public async Task Unsigned_Request_Is_Refused(string path)
    {
        using var client = host.UnsignedClient();

        using var response = await client.PostAsync(path, Command("prod-readonly", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
        Assert.Empty(host.Broker.Decisions);
    }

    [Fact]
    public async Task Oversized_Body_Is_Refused_Before_Anything_Else()
    {
        using var client = host.SignedClient();
        var fields = SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "prod-readonly " + new string('x', 70 * 1024), null);

        using var response = await client.PostAsync("slack/commands", new StringContent(Form(fields), Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Command_Without_A_User_Is_Malformed()
    {
        using var client = host.SignedClient();
        var fields = SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "prod-readonly", null);
        fields.Remove("user_id");

        using var response = await client.PostAsync("slack/commands", SlackPayloads.SlashCommandForm(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Broker.Submitted);
    }

    [Fact]
    public async Task Approve_Click_Is_Decided_As_The_Clicker()
    {
        var id = RequestId.New();
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/interactivity", Click("approve", id.Value, standIn.NewResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = Assert.Single(host.Broker.Decisions);
        Assert.Equal((id, $"slack:{SlackStandIn.TeamId}/{SlackSamples.Approver}", "wile.e", true),
            (decision.Id, decision.Decider.Id.Key, decision.Decider.Handle, decision.Approve));
        Assert.Empty(standIn.ResponsePosts);
    }

    [Fact]
    public async Task Click_That_Decides_Nothing_Is_Explained_To_The_Clicker_Only()
    {
        host.Broker.Decide = (_, _, _) => new DecisionResult(DecisionStatus.NotAnApprover, null, "You are not an approver for 'prod-readonly'.");
        var responseUrl = standIn.NewResponseUrl();
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/interactivity", Click("deny", "req_01", responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await standIn.WaitForAsync(s => s.ResponsesTo(responseUrl) is [var first, ..] ? first : null);
        Assert.Equal("ephemeral", post.ResponseType);
        Assert.False(post.Body["replace_original"]!.GetValue<bool>());
        Assert.Equal("You are not an approver for 'prod-readonly'.", post.Text);
    }

    [Theory]
    [InlineData("payload=not-json")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("nopayload=1")]
    public async Task Malformed_Interaction_Is_Refused_And_Nothing_Decided(string form)
    {
        using var client = host.SignedClient();

        using var response = await client.PostAsync("slack/interactivity", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Broker.Decisions);
    }

    [Fact]
    public async Task Without_A_Signing_Secret_The_Endpoints_Do_Not_Exist()
    {
        await using var socketOnly = await SlackTestHost.StartAsync(
            standIn, TimeProvider.System, new Dictionary<string, string?> { ["Slack:SigningSecret"] = null }, socketMode: true);
        using var client = socketOnly.SignedClient();

        using var response = await client.PostAsync("slack/commands", Command("prod-readonly", null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(socketOnly.Broker.Submitted);
    }

    [Fact]
    public async Task Bot_Token_Without_Secret_Or_App_Token_Fails_At_Start_Up_Naming_The_Key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            SlackTestHost.StartAsync(standIn, TimeProvider.System, new Dictionary<string, string?> { ["Slack:SigningSecret"] = null }));

        Assert.Contains("Slack:SigningSecret", error.Message, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Command(string text, Uri? responseUrl, string userId = SlackSamples.Requester, string userName = "someone") =>
        SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, userId, text, responseUrl, userName));

    private static FormUrlEncodedContent Click(string action, string requestId, Uri responseUrl) =>
        SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, SlackSamples.Approver, "wile.e", action, requestId, responseUrl));

    private static string Form(IDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
