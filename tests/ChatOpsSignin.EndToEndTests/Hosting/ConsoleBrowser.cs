using System.Net;
using ChatOpsSignin.StandIns.Aws;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>Opens a console sign-in link the way a browser would, stopping at the federation endpoint's redirect.</summary>
internal static class ConsoleBrowser
{
    /// <returns>The one login the AWS stand-in accepted, after checking the browser was sent to its Destination.</returns>
    public static async Task<ConsoleLogin> SignInAsync(AwsStandIn aws, Uri link)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = Assert.Single(aws.Logins);
        Assert.Equal(login.Destination, response.Headers.Location!.AbsoluteUri);
        return login;
    }
}
