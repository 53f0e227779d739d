using System.Net;
using System.Text.Json;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The Slack room inside the real host (Program.cs, real core broker), answering a signed command.</summary>
public sealed class SlackInHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly string database = Path.Combine(Path.GetTempPath(), $"slack-host-{Guid.NewGuid():N}.db");
    private SlackStandIn standIn = null!;
    private WebApplicationFactory<Program> factory = null!;

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync();
        standIn.AddUser(SlackSamples.Requester, "road.runner");
        standIn.AddUser(SlackSamples.Approver, "wile.e");
        standIn.AddChannel(SlackSamples.ApprovalChannel);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in SlackServices.Settings(standIn))
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("Storage:SqlitePath", database);
            web.UseSetting("Groups:sre:0", $"slack:{SlackStandIn.TeamId}/{SlackSamples.Requester}");
            web.UseSetting("Profiles:prod-readonly:RoleArn", "arn:aws:iam::111122223333:role/ReadOnly");
            web.UseSetting("Profiles:prod-readonly:Allow:0", "group:sre");
            web.UseSetting("Profiles:prod-admin:RoleArn", "arn:aws:iam::111122223333:role/Admin");
            web.UseSetting("Profiles:prod-admin:Allow:0", "group:sre");
            web.UseSetting("Profiles:prod-admin:Approval:Approvers:0", $"slack:{SlackStandIn.TeamId}/{SlackSamples.Approver}");
            web.UseSetting("Profiles:prod-admin:Approval:SlackChannel", SlackSamples.ApprovalChannel);
        });
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await standIn.DisposeAsync();
        File.Delete(database);
    }

    [Fact]
    public async Task Host_Serves_Signed_Slack_Help_From_The_Real_Core()
    {
        using var client = factory.CreateDefaultClient(new SlackRequestSigner(SlackServices.SigningSecret, TimeProvider.System));
        var fields = SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "help", null);

        using var response = await client.PostAsync("/slack/commands", SlackPayloads.SlashCommandForm(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString();
        Assert.Contains("`prod-readonly`", text, StringComparison.Ordinal);
        Assert.Contains(factory.Services.GetServices<RoomStatus>(), r => r is { Room: "Slack", Enabled: true });
    }

    [Fact]
    public async Task Approval_Round_Trip_Through_The_Real_Core_Ends_Denied_Without_Buttons()
    {
        using var client = factory.CreateDefaultClient(new SlackRequestSigner(SlackServices.SigningSecret, TimeProvider.System));
        var requesterUrl = standIn.NewResponseUrl();
        var command = SlackPayloads.SlashCommand(SlackStandIn.TeamId, SlackSamples.Requester, "prod-admin INC-7", requesterUrl);

        using var ack = await client.PostAsync("/slack/commands", SlackPayloads.SlashCommandForm(command));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var prompt = await standIn.WaitForAsync(s => s.MessagesIn(SlackSamples.ApprovalChannel) is [var first, ..] ? first : null, Wait);
        Assert.Contains($"<@{SlackSamples.Requester}>", prompt.BlocksJson, StringComparison.Ordinal);
        var requestId = JsonDocument.Parse(prompt.BlocksJson).RootElement.EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0].GetProperty("value").GetString()!;
        await standIn.WaitForAsync(s => s.ResponsesTo(requesterUrl) is [var first, ..] ? first : null, Wait);

        var selfUrl = standIn.NewResponseUrl();
        using var self = await client.PostAsync("/slack/interactivity", SlackPayloads.InteractivityForm(
            SlackPayloads.BlockActions(SlackStandIn.TeamId, SlackSamples.Requester, "road.runner", "approve", requestId, selfUrl)));
        var refusal = await standIn.WaitForAsync(s => s.ResponsesTo(selfUrl) is [var first, ..] ? first : null, Wait);
        Assert.Contains("cannot decide your own request", refusal.Text, StringComparison.Ordinal);

        using var deny = await client.PostAsync("/slack/interactivity", SlackPayloads.InteractivityForm(
            SlackPayloads.BlockActions(SlackStandIn.TeamId, SlackSamples.Approver, "wile.e", "deny", requestId, standIn.NewResponseUrl())));
        Assert.Equal(HttpStatusCode.OK, deny.StatusCode);

        await standIn.WaitForAsync(_ => prompt.Updates > 0 ? prompt : null, Wait);
        Assert.Contains($"Denied by <@{SlackSamples.Approver}>", prompt.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("action_id", prompt.BlocksJson, StringComparison.Ordinal);
        var dm = await standIn.WaitForAsync(s => s.MessagesIn(SlackStandIn.DirectMessageChannel(SlackSamples.Requester)) is [var first, ..] ? first : null, Wait);
        Assert.Contains("denied your request", dm.Text, StringComparison.Ordinal);
    }
}
