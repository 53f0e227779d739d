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

    public static TheoryData<string> MalformedLists => new()
    {
        "&Tags.member.0.Key=team&Tags.member.0.Value=ops",
        "&Tags.member.1.Key=team&Tags.member.1.Value=ops&Tags.member.3.Key=env&Tags.member.3.Value=prod",
        "&Tags.1.Key=team&Tags.1.Value=ops",
        "&Tags.member.1.Key=team",
        "&Tags.member.01.Key=team&Tags.member.01.Value=ops",
        "&PolicyArns.member.1.Arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess",
        "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess",
    };

    [Theory]
    [MemberData(nameof(MalformedLists))]
    public async Task A_Malformed_Member_List_Is_A_Validation_Error(string lists)
    {
        await using var standIn = await AwsStandIn.StartAsync();
        standIn.AddRole(AwsRoomHarness.ReadOnlyRole);
        var credentials = new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey);

        using var wellFormed = await PostAsync(standIn, credentials, TimeProvider.System.GetUtcNow(), AssumeRole
            + "&Tags.member.1.Key=team&Tags.member.1.Value=ops&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess");
        using var malformed = await PostAsync(standIn, credentials, TimeProvider.System.GetUtcNow(), AssumeRole + lists);

        Assert.Equal(HttpStatusCode.OK, wellFormed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("<Code>ValidationError</Code>", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(standIn.Sessions);
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

    /// <summary>The bench's latency: the call is handled as it arrives, and only its answer waits.</summary>
    [Fact]
    public async Task A_Delayed_Answer_Is_Handled_On_Arrival_And_Held_For_The_Delay()
    {
        var time = new TimerWatch(TimeProvider.System.GetUtcNow());
        await using var standIn = await AwsStandIn.StartAsync(time);
        standIn.AddRole(AwsRoomHarness.ReadOnlyRole);
        standIn.ResponseDelay = TimeSpan.FromMilliseconds(50);
        var credentials = new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey);

        var answer = PostAsync(standIn, credentials, time.GetUtcNow(), AssumeRole);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await time.TimerCreated.Task.WaitAsync(deadline.Token);

        Assert.Single(standIn.Sessions);
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await answer.WaitAsync(deadline.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<AssumeRoleResult>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(standIn.Sessions.Single().AccessKeyId, ExtractAccessKeyId(await response.Content.ReadAsStringAsync()));
    }

    private sealed class TimerWatch(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }

    private static string ExtractAccessKeyId(string xml) =>
        System.Xml.Linq.XDocument.Parse(xml).Descendants().Single(e => e.Name.LocalName == "AccessKeyId").Value;

    private const string AssumeRole =
        "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FReadOnly&RoleSessionName=slack.jane";

    private static Task<HttpResponseMessage> PostAsync(AwsStandIn standIn, AWSCredentials credentials, DateTimeOffset signedAt, bool tamper = false) =>
        PostAsync(standIn, credentials, signedAt, "Action=GetCallerIdentity&Version=2011-06-15", tamper);

    private static async Task<HttpResponseMessage> PostAsync(AwsStandIn standIn, AWSCredentials credentials, DateTimeOffset signedAt, string form, bool tamper = false)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(form);
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
            Content = new ByteArrayContent(tamper ? System.Text.Encoding.UTF8.GetBytes(form + "&x=1") : body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request);
    }
}
