using System.Net;
using System.Text;
using ChatOpsSignin.Aws.Credentials;
using Polly;
using Polly.Timeout;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>What the STS pipeline retries: only what can pass on a later attempt.</summary>
public sealed class StsRetryTests
{
    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(400, "RequestLimitExceeded", true)]
    [InlineData(400, "IDPCommunicationError", true)]
    [InlineData(500, "InternalFailure", true)]
    [InlineData(503, "ServiceUnavailable", true)]
    [InlineData(429, "TooManyRequestsException", true)]
    [InlineData(403, "AccessDenied", false)]
    [InlineData(400, "ValidationError", false)]
    [InlineData(400, "ExpiredToken", false)]
    [InlineData(403, "RegionDisabledException", false)]
    [InlineData(400, "MalformedPolicyDocument", false)]
    [InlineData(400, "PackedPolicyTooLarge", false)]
    [InlineData(400, "InvalidIdentityToken", false)]
    [InlineData(403, "IDPRejectedClaim", false)]
    public async Task Retries_Only_What_Can_Pass_Later(int status, string code, bool retried)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(
                $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error></ErrorResponse>",
                Encoding.UTF8,
                "text/xml"),
        };

        Assert.Equal(retried, await StsRetry.ShouldRetryAsync(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task A_400_That_Is_Not_An_Error_Document_Is_Not_Retried()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Throttling") };

        Assert.False(await StsRetry.ShouldRetryAsync(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task The_Predicate_Leaves_The_Answer_Readable()
    {
        const string body = "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) };

        await StsRetry.ShouldRetryAsync(Outcome.FromResult(response));

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Connection_Failures_And_Timeouts_Are_Retried_Bugs_Are_Not()
    {
        Assert.True(await StsRetry.ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused"))));
        Assert.True(await StsRetry.ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(await StsRetry.ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }
}
