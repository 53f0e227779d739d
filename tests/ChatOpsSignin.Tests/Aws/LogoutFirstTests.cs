using System.Net;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>Links:LogoutFirst: the link goes through the partition's sign-out, which redirects on to the login.</summary>
public sealed class LogoutFirstTests
{
    [Fact]
    public async Task The_Link_Signs_Out_Then_Logs_In_Where_It_Was_Asked()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Links:LogoutFirst"] = "true";
            s["Aws:LogoutUrl"] = new Uri(new Uri(s["Aws:FederationUrl"]!), "/oauth").AbsoluteUri;
        });
        var (_, link) = await room.SignInAsync("prod-readonly");

        Assert.StartsWith(room.StandIn.LogoutUrl.AbsoluteUri + "?Action=logout&redirect_uri=", link.Url.AbsoluteUri, StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var logout = await browser.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Empty(room.StandIn.Logins);
        using var login = await browser.GetAsync(logout.Headers.Location);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal(1, room.StandIn.Logouts);
        Assert.Equal("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1", Assert.Single(room.StandIn.Logins).Destination);
    }

    [Theory]
    [InlineData("aws", "https://us-east-1.signin.aws.amazon.com/oauth?Action=logout&redirect_uri=http%3A%2F%2F127.0.0.1%3A")]
    [InlineData("aws-us-gov", "https://signin.amazonaws-us-gov.com/oauth?Action=logout&redirect_uri=http%3A%2F%2F127.0.0.1%3A")]
    public async Task Without_An_Override_The_Partition_Sign_Out_Is_Used(string partition, string expected)
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Links:LogoutFirst"] = "true";
            s["Aws:Partition"] = partition;
            if (partition != "aws")
            {
                s["Aws:Region"] = "us-gov-west-1";
                foreach (var key in s.Keys.Where(k => k.StartsWith("Profiles:", StringComparison.Ordinal) && !k.StartsWith("Profiles:federated", StringComparison.Ordinal)).ToList())
                {
                    s.Remove(key);
                }
            }
        });
        var (_, link) = await room.SignInAsync(partition == "aws" ? "prod-readonly" : "federated");

        Assert.StartsWith(expected, link.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_LogoutFirst_The_Link_Is_The_Login_Itself()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var (_, link) = await room.SignInAsync("prod-readonly");

        Assert.StartsWith(room.StandIn.FederationUrl.AbsoluteUri + "?Action=login", link.Url.AbsoluteUri, StringComparison.Ordinal);
    }
}
