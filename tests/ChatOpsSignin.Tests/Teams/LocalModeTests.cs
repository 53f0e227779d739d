using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Teams;

public sealed class LocalModeTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://0.0.0.0:0")]
    public async Task Local_Mode_Refuses_To_Start_On_A_Non_Loopback_Address(string urls)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TeamsTestHost.StartLocalAsync(time, urls));

        Assert.Contains("loopback", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Local_Mode_Refuses_To_Start_Outside_Development(string environment)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TeamsTestHost.StartLocalAsync(time, environment: environment));

        Assert.Contains("Development", Flatten(error), StringComparison.Ordinal);
        Assert.Contains(environment, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_Mode_Refuses_To_Start_With_An_App_Password()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            TeamsTestHost.StartLocalAsync(time, extra: new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:AppPassword"] = TeamsTestHost.AppPassword }));

        Assert.Contains("Teams:AppPassword", Flatten(error), StringComparison.Ordinal);
        Assert.DoesNotContain(TeamsTestHost.AppPassword, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_Mode_Takes_Activities_Without_A_Token_And_Replies_Without_One()
    {
        await using var host = await TeamsTestHost.StartLocalAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "help");

        var response = await host.PostAsync(activity, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForAsync(a => a.ConversationId == "a:alice-chat");
        Assert.Contains("prod-readonly", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_Mode_Sends_A_Token_To_The_Connector()
    {
        await using var host = await TeamsTestHost.StartAsync(time);
        var activity = TestActivities.Personal(host.Connector.ServiceUrl, "status");

        await host.PostAsync(activity, host.TokenFor(activity));

        var reply = await host.Connector.WaitForAsync(a => a.ConversationId == "a:alice-chat");
        Assert.Contains("req_1", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, host.Connector.Unauthorized);
        Assert.Equal(1, host.Identity!.TokenRequests);
    }

    private static string Flatten(Exception error) => error is AggregateException many
        ? string.Join(" | ", many.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : string.Empty);
}
