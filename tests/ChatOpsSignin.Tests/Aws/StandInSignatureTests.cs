using System.Net;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>The stand-in must reject what AWS rejects, or the integration tests prove nothing.</summary>
public sealed class StandInSignatureTests
{
    [Fact]
    public async Task Stale_XAmzDate_Is_Rejected()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var standIn = await AwsStandIn.StartAsync(time);
        var credentials = new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey);

        using var fresh = await PostAsync(standIn, credentials, time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        using var stale = await PostAsync(standIn, credentials, time.GetUtcNow() - TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync();
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
        Assert.Contains("Signature expired", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_Body_Fails_The_Signature()
    {
        await using var standIn = await AwsStandIn.StartAsync();
        var credentials = new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey);
        using var response = await PostAsync(standIn, credentials, TimeProvider.System.GetUtcNow(), tamper: true);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("The request signature we calculated does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Key_Is_Invalid_Client_Token()
    {
        await using var standIn = await AwsStandIn.StartAsync();
        using var response = await PostAsync(standIn, new BasicAWSCredentials("AKIAUNKNOWN", "x"), TimeProvider.System.GetUtcNow());

        Assert.Contains("<Code>InvalidClientTokenId</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cognito_Requires_The_Exact_Json_Content_Type()
    {
        await using var standIn = await AwsStandIn.StartAsync();
        standIn.AddIdentityPool(AwsRoomHarness.GuestPool);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, standIn.CognitoUrl)
        {
            Content = new StringContent($$"""{"IdentityPoolId":"{{AwsRoomHarness.GuestPool}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityService.GetId");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("SerializationException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(AwsStandIn standIn, AWSCredentials credentials, DateTimeOffset signedAt, bool tamper = false)
    {
        var body = "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray();
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = standIn.StsUrl, Content = body };
        signing.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.USEast1,
            Service = "sts",
            SignedAt = signedAt.UtcDateTime,
        });
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, standIn.StsUrl)
        {
            Content = new ByteArrayContent(tamper ? "Action=GetCallerIdentity&Version=2011-06-15&x=1"u8.ToArray() : body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request);
    }
}
