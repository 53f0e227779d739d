using System.Net;
using System.Text;
using Amazon.Runtime;
using ChatOpsSignin.Aws;
using ChatOpsSignin.Aws.Credentials;
using ChatOpsSignin.Aws.Protocol;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.StandIns.Aws;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>The STS Query client on its own: what goes on the wire, and how answers (good, refused, garbled) are read.</summary>
public sealed class StsClientTests
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static readonly AWSCredentials LongTermKeys = new BasicAWSCredentials("AKIAEXAMPLE000000000", "secret");
    private static readonly AssumeRoleRequest Call = new(
        AwsRoomHarness.ReadOnlyRole, "slack.jane", "jane", 900, null, new Dictionary<string, string>(), null, []);

    [Fact]
    public async Task Error_Document_Gives_Code_Message_And_Type()
    {
        var handler = Answering(HttpStatusCode.Forbidden, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/broker is not authorized &amp; so on</Message></Error>
              <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
            </ErrorResponse>
            """);

        var reply = await Client(handler).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(new StsError("AccessDenied", 403, "User: arn:aws:iam::111122223333:user/broker is not authorized & so on", "Sender"), reply.Error);
    }

    [Fact]
    public async Task Error_Status_Without_An_Error_Document_Keeps_Its_Status()
    {
        var reply = await Client(Answering(HttpStatusCode.BadGateway, "Bad gateway")).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(StsError.UnknownCode, reply.Error?.Code);
        Assert.Equal(502, reply.Error?.Status);
        Assert.Equal("aws_unavailable", StsCall.ToOutcome(reply, Context).Failure?.Code);
    }

    [Theory]
    [InlineData("""{"Credentials":{}}""")]
    [InlineData("<html><body>Proxy login</body></html>")]
    [InlineData("<AssumeRoleResponse><AssumeRoleResult><Credentials>")]
    public async Task A_Success_Status_Without_An_AssumeRole_Answer_Is_A_Clear_Failure(string body)
    {
        var reply = await Client(Answering(HttpStatusCode.OK, body)).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(StsError.InvalidAnswerCode, reply.Error?.Code);
        var failure = StsCall.ToOutcome(reply, Context).Failure;
        Assert.Equal("aws_error", failure?.Code);
        Assert.Contains("not with an AssumeRoleResponse XML document", failure!.AdminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Answer_Without_Credentials_Is_A_Clear_Failure()
    {
        var handler = Answering(HttpStatusCode.OK, Answer("<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/ReadOnly/jane</Arn></AssumedRoleUser>"));

        var reply = await Client(handler).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(StsError.InvalidAnswerCode, reply.Error?.Code);
        Assert.Contains("without Credentials", reply.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-11-09T13:34:41Z")]
    [InlineData("2019-11-09T13:34:41.000Z")]
    [InlineData("2019-11-09T15:34:41+02:00")]
    [InlineData("2019-11-09T13:34:41")]
    public async Task Expiration_Is_Read_As_Utc(string expiration)
    {
        var reply = await Client(Answering(HttpStatusCode.OK, Answer(Credentials(expiration)))).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        var session = reply.Value!;
        Assert.Equal(new DateTimeOffset(2019, 11, 9, 13, 34, 41, TimeSpan.Zero), session.Expiration);
        Assert.Equal(TimeSpan.Zero, session.Expiration!.Value.Offset);
        Assert.Equal("ASIAEXAMPLE", session.AccessKeyId);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/ReadOnly/jane", session.PrincipalArn);
        Assert.Equal("jane", session.SourceIdentity);
    }

    [Fact]
    public async Task An_Unreadable_Expiration_Is_A_Clear_Failure()
    {
        var reply = await Client(Answering(HttpStatusCode.OK, Answer(Credentials("next tuesday")))).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(StsError.InvalidAnswerCode, reply.Error?.Code);
    }

    [Fact]
    public async Task A_Missing_Expiration_Is_Now_Plus_What_Was_Asked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var reply = await Client(Answering(HttpStatusCode.OK, Answer(Credentials(null))), time).AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Null(reply.Value!.Expiration);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), reply.Value.ToTemporary(time, TimeSpan.FromMinutes(15)).Expiration);
    }

    [Fact]
    public async Task Temporary_Broker_Credentials_Send_Their_Session_Token()
    {
        await using var standIn = await AwsStandIn.StartAsync();
        var keys = standIn.AddTemporaryBrokerKeys();
        var recorder = new Recorder(new SocketsHttpHandler());

        var reply = await Client(recorder, configure: o => o.StsServiceUrl = standIn.StsUrl.AbsoluteUri)
            .GetCallerIdentityAsync(new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken), CancellationToken.None);

        Assert.Equal(keys.PrincipalArn, reply.Value?.Arn);
        Assert.Equal(AwsStandIn.AccountId, reply.Value?.Account);
        Assert.Equal([keys.SessionToken], recorder.Last!.Headers.GetValues("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Long_Term_Broker_Keys_Send_No_Session_Token()
    {
        await using var standIn = await AwsStandIn.StartAsync();
        var recorder = new Recorder(new SocketsHttpHandler());

        var reply = await Client(recorder, configure: o => o.StsServiceUrl = standIn.StsUrl.AbsoluteUri)
            .GetCallerIdentityAsync(new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey), CancellationToken.None);

        Assert.Equal(AwsStandIn.BrokerUserArn, reply.Value?.Arn);
        Assert.False(recorder.Last!.Headers.Contains("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Signs_With_The_Injected_Clock_In_The_Configured_Region()
    {
        // Far from the real now: the stand-in refuses a signature more than 5 minutes off its own (shared) clock.
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await using var standIn = await AwsStandIn.StartAsync(time);
        var recorder = new Recorder(new SocketsHttpHandler());

        var reply = await Client(recorder, time, o => { o.StsServiceUrl = standIn.StsUrl.AbsoluteUri; o.Region = "eu-central-1"; })
            .GetCallerIdentityAsync(new BasicAWSCredentials(standIn.BrokerAccessKeyId, standIn.BrokerSecretAccessKey), CancellationToken.None);

        Assert.True(reply.Value is not null, reply.Error?.Message);
        Assert.Equal(["20310506T070809Z"], recorder.Last!.Headers.GetValues("X-Amz-Date"));
        Assert.Contains("/20310506/eu-central-1/sts/aws4_request", recorder.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_Identity_Is_Unsigned_And_Carries_The_Token()
    {
        var recorder = new Recorder(Answering(HttpStatusCode.OK, Answer(Credentials("2019-11-09T13:34:41Z"), "AssumeRoleWithWebIdentity")));
        var call = new WebIdentityRequest(AwsRoomHarness.CognitoRole, "slack.jane", "eyJ.token", 900, null, []);

        var reply = await Client(recorder).AssumeRoleWithWebIdentityAsync(call, CancellationToken.None);

        Assert.NotNull(reply.Value);
        Assert.False(recorder.Last!.Headers.Contains("Authorization"));
        Assert.False(recorder.Last.Headers.Contains("X-Amz-Date"));
        Assert.Contains("&WebIdentityToken=eyJ.token&", recorder.LastBody, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ.token", call.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws", "eu-west-1", "https://sts.eu-west-1.amazonaws.com/")]
    [InlineData("aws-us-gov", "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com/")]
    [InlineData("aws-cn", "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn/")]
    public async Task Without_An_Override_The_Endpoint_Is_Regional(string partition, string region, string expected)
    {
        var recorder = new Recorder(Answering(HttpStatusCode.OK, Answer(Credentials("2019-11-09T13:34:41Z"))));

        await Client(recorder, configure: o => { o.StsServiceUrl = null; o.Partition = partition; o.Region = region; })
            .AssumeRoleAsync(Call, LongTermKeys, CancellationToken.None);

        Assert.Equal(new Uri(expected), recorder.Last!.RequestUri);
        Assert.Contains($"/{region}/sts/aws4_request", recorder.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_And_Policy_Arns_Are_Member_Lists_Numbered_From_One()
    {
        var form = new QueryForm("AssumeRole", "2011-06-15")
            .Add("RoleArn", "arn:aws:iam::111122223333:role/ReadOnly")
            .Add("ExternalId", null)
            .AddTags(new Dictionary<string, string> { ["chat-user"] = "slack:T0123/U0456", ["note"] = "a b+c", ["empty"] = string.Empty })
            .AddPolicyArns(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/NoDelete"]);

        Assert.Equal(
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FReadOnly"
            + "&Tags.member.1.Key=chat-user&Tags.member.1.Value=slack%3AT0123%2FU0456"
            + "&Tags.member.2.Key=note&Tags.member.2.Value=a%20b%2Bc"
            + "&Tags.member.3.Key=empty&Tags.member.3.Value="
            + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
            + "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2FNoDelete",
            form.Encoded);
    }

    private static AwsCallContext Context => new("prod-readonly", "sts:AssumeRole", AwsRoomHarness.ReadOnlyRole, false);

    private static StsClient Client(HttpMessageHandler handler, TimeProvider? time = null, Action<AwsOptions>? configure = null)
    {
        var options = new AwsOptions { Region = "us-east-1", StsServiceUrl = "https://sts.test.invalid/" };
        configure?.Invoke(options);
        return new StsClient(new HttpClient(handler), Options.Create(options), time ?? TimeProvider.System);
    }

    private static string Credentials(string? expiration) =>
        "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>wJalr/K7MDENG</SecretAccessKey><SessionToken>AQoDYXdz//EXAMPLE</SessionToken>"
        + (expiration is null ? string.Empty : $"<Expiration>{expiration}</Expiration>") + "</Credentials>";

    private static string Answer(string content, string action = "AssumeRole") => $"""
        <{action}Response xmlns="{Namespace}">
          <{action}Result>
            <SourceIdentity>jane</SourceIdentity>
            <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/ReadOnly/jane</Arn><AssumedRoleId>AROA:jane</AssumedRoleId></AssumedRoleUser>
            {content}
          </{action}Result>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </{action}Response>
        """;

    private static Canned Answering(HttpStatusCode status, string body) => new(status, body);

    private sealed class Canned(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") });
    }

    /// <summary>Keeps the last request (and its body) that went through.</summary>
    private sealed class Recorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public HttpRequestMessage? Last { get; private set; }

        public string LastBody { get; private set; } = string.Empty;

        // HttpClient's typed Authorization property does not parse a SigV4 value: read it raw.
        public string Authorization => string.Join(',', Last!.Headers.GetValues("Authorization"));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
