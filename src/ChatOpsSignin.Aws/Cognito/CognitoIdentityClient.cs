using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Aws.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Cognito;

/// <summary>
/// A small Amazon Cognito Identity client over the awsJson1_1 protocol: POST /, <c>X-Amz-Target: AWSCognitoIdentityService.&lt;Op&gt;</c>,
/// <c>Content-Type: application/x-amz-json-1.1</c> exactly. GetId and GetOpenIdToken are unsigned; the developer operation is
/// SigV4-signed with the broker's credentials. https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/Welcome.html
/// </summary>
public sealed partial class CognitoIdentityClient(HttpClient http, IOptions<AwsOptions> options, TimeProvider time, ILogger<CognitoIdentityClient> logger)
{
    public const string ContentType = "application/x-amz-json-1.1";
    private const string TargetPrefix = "AWSCognitoIdentityService.";
    private const string SigningName = "cognito-identity";

    public Task<CognitoReply<CognitoIdentity>> GetIdAsync(string identityPoolId, CancellationToken cancellationToken) =>
        SendAsync<CognitoIdentity>("GetId", RegionOf(identityPoolId), new { IdentityPoolId = identityPoolId }, null, cancellationToken);

    public Task<CognitoReply<CognitoOpenIdToken>> GetOpenIdTokenAsync(string identityId, CancellationToken cancellationToken) =>
        SendAsync<CognitoOpenIdToken>("GetOpenIdToken", RegionOf(identityId), new { IdentityId = identityId }, null, cancellationToken);

    /// <param name="userKey">Our stable user identifier (the chat user key), the value of Logins[developerProviderName].</param>
    public Task<CognitoReply<CognitoOpenIdToken>> GetOpenIdTokenForDeveloperIdentityAsync(
        string identityPoolId, string developerProviderName, string userKey, AWSCredentials credentials, CancellationToken cancellationToken) =>
        SendAsync<CognitoOpenIdToken>(
            "GetOpenIdTokenForDeveloperIdentity",
            RegionOf(identityPoolId),
            new { IdentityPoolId = identityPoolId, Logins = new Dictionary<string, string> { [developerProviderName] = userKey } },
            credentials,
            cancellationToken);

    /// <summary>Pool and identity ids start with their region: <c>us-east-1:guid</c>.</summary>
    internal static string RegionOf(string id) => id.Split(':')[0];

    private async Task<CognitoReply<T>> SendAsync<T>(string operation, string region, object input, AWSCredentials? signWith, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = Endpoint(region);
        var body = JsonSerializer.SerializeToUtf8Bytes(input);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.Add("X-Amz-Target", TargetPrefix + operation);
        if (signWith is not null)
        {
            await SigV4.SignAsync(request, body, signWith, region, SigningName, time.GetUtcNow(), cancellationToken);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode && TryRead<T>(text) is { } value)
            {
                return CognitoReply<T>.Of(value);
            }

            var error = CognitoErrorParser.Parse(response, text);
            Log.Refused(logger, operation, (int)response.StatusCode, error.Type);
            return CognitoReply<T>.Failed(error);
        }
        catch (TimeoutRejectedException)
        {
            return CognitoReply<T>.Failed(new CognitoError(CognitoError.TimeoutType, 0, $"{operation} timed out"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CognitoReply<T>.Failed(new CognitoError(CognitoError.TimeoutType, 0, $"{operation} timed out"));
        }
        catch (HttpRequestException exception)
        {
            return CognitoReply<T>.Failed(new CognitoError(CognitoError.UnreachableType, 0, $"{operation}: {exception.Message}"));
        }
    }

    private Uri Endpoint(string region) => options.Value.CognitoServiceUrl is { } url
        ? new Uri(url)
        : new Uri($"https://cognito-identity.{region}.{options.Value.PartitionInfo.DnsSuffix}/");

    private static T? TryRead<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Cognito {Operation} answered HTTP {Status} {ErrorType}.")]
        public static partial void Refused(ILogger logger, string operation, int status, string errorType);
    }
}
