using System.Net;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Links;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Aws;

public sealed class ConsoleLinkTests
{
    [Fact]
    public async Task Link_Signs_In_As_The_Expected_Role_Session_And_Source_Identity()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var (issued, link) = await room.SignInAsync("prod-readonly");

        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1", response.Headers.Location?.AbsoluteUri);

        var login = Assert.Single(room.StandIn.Logins);
        var names = SessionNames.For(AwsRoomHarness.Jane);
        Assert.Equal(AwsRoomHarness.ReadOnlyRole, login.RoleArn);
        Assert.Equal(issued.PrincipalArn, login.PrincipalArn);
        Assert.Equal(names.RoleSessionName, login.SessionName);
        Assert.Equal(names.SourceIdentity, login.SourceIdentity);
        Assert.Equal("https://chatops.example.com/", login.Issuer);
        Assert.Equal("slack:T0123/U0456", login.Tags["chat-user"]);
    }

    [Fact]
    public async Task Long_Term_Broker_Sends_SessionDuration_And_The_Console_Session_Follows_It()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await AwsRoomHarness.StartAsync(time: time);
        var (_, link) = await room.SignInAsync("prod-readonly");

        var request = Assert.Single(room.StandIn.SigninTokenRequests);
        Assert.Equal(TimeSpan.FromHours(4), request.SessionDuration);
        Assert.Equal(time.GetUtcNow(), link.CreatedAt);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), link.ExpiresAt);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(4), link.ConsoleSessionEndsAt);
        Assert.False(QueryHelpers.ParseQuery(link.Url.Query).ContainsKey("SessionDuration"));
    }

    [Fact]
    public async Task Chained_Broker_Omits_SessionDuration_And_Gets_One_Hour()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true, time: time);
        var (_, link) = await room.SignInAsync("prod-readonly");

        var request = Assert.Single(room.StandIn.SigninTokenRequests);
        Assert.True(request.Accepted);
        Assert.Null(request.SessionDuration);
        Assert.InRange(link.ConsoleSessionEndsAt, time.GetUtcNow().AddHours(1).AddSeconds(-1), time.GetUtcNow().AddHours(1));
        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Fact]
    public async Task Federation_Token_Never_Sends_SessionDuration()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var (issued, link) = await room.SignInAsync("federated");

        Assert.Null(Assert.Single(room.StandIn.SigninTokenRequests).SessionDuration);
        Assert.Equal(issued.Credentials.Expiration, link.ConsoleSessionEndsAt);
        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Null(Assert.Single(room.StandIn.Logins).RoleArn);
    }

    [Fact]
    public async Task Cognito_Link_Opens_The_Console_As_The_Web_Identity_Role()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var (_, link) = await room.SignInAsync("cognito-dev");

        Assert.Equal(TimeSpan.FromHours(8), Assert.Single(room.StandIn.SigninTokenRequests).SessionDuration);
        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("arn:aws:iam::111122223333:role/CognitoDevelopers", Assert.Single(room.StandIn.Logins).RoleArn);
        Assert.Equal("https://console.aws.amazon.com/", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task Link_Is_Refused_After_Fifteen_Minutes()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var room = await AwsRoomHarness.StartAsync(time: time);
        var (_, link) = await room.SignInAsync("prod-readonly");

        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(room.StandIn.Logins);
    }

    [Fact]
    public async Task Full_Console_Url_Destination_Is_Kept()
    {
        const string destination = "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:";
        await using var room = await AwsRoomHarness.StartAsync(configure: s => s["Profiles:prod-readonly:Destination"] = destination);
        var (_, link) = await room.SignInAsync("prod-readonly");

        using var response = await AwsRoomHarness.OpenAsync(link);
        Assert.Equal(destination, Assert.Single(room.StandIn.Logins).Destination);
    }

    [Fact]
    public async Task SessionDuration_With_Chained_Credentials_Is_Refused_With_Html_And_Reported_As_A_Typed_Failure()
    {
        // The admin claims long-term keys but the bot runs on a role: AWS answers 400 with an HTML page.
        await using var room = await AwsRoomHarness.StartAsync(temporaryBroker: true, configure: s => s["Aws:BrokerCredentials"] = "LongTerm");
        var issued = await room.IssueAsync("prod-readonly");
        Assert.True(issued.Succeeded, issued.Failure?.AdminMessage);

        var link = await room.Links.CreateAsync(issued.Value, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.Equal("federation_rejected", link.Failure?.Code);
        Assert.Contains("HTTP 400", link.Failure!.AdminMessage, StringComparison.Ordinal);
        Assert.Contains("Aws:BrokerCredentials=Temporary", link.Failure.AdminMessage, StringComparison.Ordinal);
        Assert.Contains("prod-readonly", link.Failure.AdminMessage, StringComparison.Ordinal);
        Assert.Equal(1, room.StandIn.Calls("getSigninToken"));
    }

    [Fact]
    public async Task Federation_Server_Error_Is_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly");
        room.StandIn.FailNext("getSigninToken", 503, "Service Unavailable");

        var link = await room.Links.CreateAsync(issued.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.True(link.Succeeded, link.Failure?.AdminMessage);
        Assert.Equal(2, room.StandIn.Calls("getSigninToken"));
    }

    [Fact]
    public async Task Federation_Client_Error_Is_Not_Retried()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly");
        room.StandIn.FailNext("getSigninToken", 400, "Bad Request", times: 3);

        var link = await room.Links.CreateAsync(issued.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.Equal("federation_rejected", link.Failure?.Code);
        Assert.Equal(1, room.StandIn.Calls("getSigninToken"));
    }

    [Fact]
    public async Task Federation_Html_Answer_With_Status_200_Is_A_Failure()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly");
        room.StandIn.FailNext("getSigninToken", 200, "Sign-in page");

        var link = await room.Links.CreateAsync(issued.Value!, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);

        Assert.Equal("federation_rejected", link.Failure?.Code);
        Assert.Contains("HTTP 200 without a sign-in token", link.Failure!.AdminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_Link_Hides_Its_Url()
    {
        var link = new ConsoleLink(new Uri("https://signin.aws.amazon.com/federation?SigninToken=secret"), default, default, default);
        Assert.DoesNotContain("secret", link.ToString(), StringComparison.Ordinal);
    }
}
