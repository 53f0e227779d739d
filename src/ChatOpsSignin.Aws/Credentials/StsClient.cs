using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Aws.Protocol;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// The four STS calls the broker makes, over the Query protocol: form-encoded POST, <c>Version=2011-06-15</c>, SigV4 service
/// <c>sts</c> signed with the broker's credentials (AssumeRoleWithWebIdentity is unsigned: the token is the proof), XML answers.
/// https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html. Endpoint: <c>Aws:StsServiceUrl</c> (VPC endpoint, stand-in),
/// else the regional <c>https://sts.{Aws:Region}.{partition DNS suffix}/</c> as AWS SDK v4 uses by default; always signed in
/// <c>Aws:Region</c>. Retries and the per-attempt timeout are the HttpClient's resilience pipeline (<see cref="StsRetry"/>).
/// </summary>
public sealed class StsClient(HttpClient http, IOptions<AwsOptions> options, TimeProvider time)
{
    private const string SigningName = "sts";
    private const string Version = "2011-06-15";

    public async Task<StsReply<StsSession>> AssumeRoleAsync(AssumeRoleRequest call, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var form = new QueryForm("AssumeRole", Version)
            .Add("RoleArn", call.RoleArn)
            .Add("RoleSessionName", call.RoleSessionName)
            .Add("SourceIdentity", call.SourceIdentity)
            .Add("DurationSeconds", call.DurationSeconds)
            .Add("ExternalId", call.ExternalId)
            .AddTags(call.Tags)
            .Add("Policy", call.Policy)
            .AddPolicyArns(call.PolicyArns);
        return Session(await SendAsync(form, credentials, cancellationToken), a => a.AssumedRoleArn);
    }

    public async Task<StsReply<StsSession>> GetFederationTokenAsync(FederationTokenRequest call, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var form = new QueryForm("GetFederationToken", Version)
            .Add("Name", call.Name)
            .Add("DurationSeconds", call.DurationSeconds)
            .Add("Policy", call.Policy)
            .AddPolicyArns(call.PolicyArns)
            .AddTags(call.Tags);
        return Session(await SendAsync(form, credentials, cancellationToken), a => a.FederatedUserArn);
    }

    public async Task<StsReply<StsSession>> AssumeRoleWithWebIdentityAsync(WebIdentityRequest call, CancellationToken cancellationToken)
    {
        var form = new QueryForm("AssumeRoleWithWebIdentity", Version)
            .Add("RoleArn", call.RoleArn)
            .Add("RoleSessionName", call.RoleSessionName)
            .Add("WebIdentityToken", call.WebIdentityToken)
            .Add("DurationSeconds", call.DurationSeconds)
            .Add("Policy", call.Policy)
            .AddPolicyArns(call.PolicyArns);
        return Session(await SendAsync(form, null, cancellationToken), a => a.AssumedRoleArn);
    }

    public async Task<StsReply<StsCallerIdentity>> GetCallerIdentityAsync(AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(new QueryForm("GetCallerIdentity", Version), credentials, cancellationToken);
        return reply switch
        {
            { Error: { } error } => StsReply<StsCallerIdentity>.Failed(error),
            { Value: { CallerArn: { } arn, CallerAccount: { } account } answer } => StsReply<StsCallerIdentity>.Of(new(arn, account, answer.CallerUserId ?? string.Empty)),
            _ => StsReply<StsCallerIdentity>.Failed(Incomplete("GetCallerIdentity", "Arn or Account")),
        };
    }

    internal Uri Endpoint => options.Value.StsServiceUrl is { } url
        ? new Uri(url)
        : new Uri($"https://sts.{options.Value.Region}.{options.Value.PartitionInfo.DnsSuffix}/");

    private static StsReply<StsSession> Session(StsReply<StsAnswer> reply, Func<StsAnswer, string?> principalArn)
    {
        if (reply.Error is { } error)
        {
            return StsReply<StsSession>.Failed(error);
        }

        var answer = reply.Value!;
        var action = answer.Root[..^"Response".Length];
        if (answer is not { AccessKeyId: { } keyId, SecretAccessKey: { } secret, SessionToken: { } token } || principalArn(answer) is not { } arn)
        {
            return StsReply<StsSession>.Failed(Incomplete(action, "Credentials or the principal's Arn"));
        }

        DateTimeOffset? expiration = null;
        if (answer.Expiration is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return StsReply<StsSession>.Failed(Incomplete(action, "a readable Expiration"));
            }

            expiration = parsed;
        }

        return StsReply<StsSession>.Of(new StsSession(keyId, secret, token, expiration, arn, answer.SourceIdentity));
    }

    private static StsError Incomplete(string action, string missing) =>
        new(StsError.InvalidAnswerCode, 200, $"STS answered {action} without {missing}.");

    /// <param name="signWith">The broker's credentials, or null for an unsigned call.</param>
    private async Task<StsReply<StsAnswer>> SendAsync(QueryForm form, AWSCredentials? signWith, CancellationToken cancellationToken)
    {
        var body = form.ToBytes();
        var endpoint = Endpoint;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(QueryForm.ContentType) { CharSet = "utf-8" };
        if (signWith is not null)
        {
            await SigV4.SignAsync(request, body, signWith, options.Value.Region, SigningName, time.GetUtcNow(), cancellationToken);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var answer = StsAnswer.Read(await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.IsSuccessStatusCode && answer?.Root == form.Action + "Response")
            {
                return StsReply<StsAnswer>.Of(answer);
            }

            return StsReply<StsAnswer>.Failed(answer?.ErrorCode is { } code
                ? new StsError(code, status, answer.ErrorMessage ?? string.Empty, answer.ErrorType)
                : response.IsSuccessStatusCode
                    ? new StsError(StsError.InvalidAnswerCode, status, $"STS answered {form.Action} with HTTP {status} but not with an {form.Action}Response XML document.")
                    : new StsError(StsError.UnknownCode, status, $"STS answered {form.Action} with HTTP {status} and no XML error document."));
        }
        catch (TimeoutRejectedException)
        {
            return StsReply<StsAnswer>.Failed(new StsError(StsError.TimeoutCode, 0, $"{form.Action} timed out"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StsReply<StsAnswer>.Failed(new StsError(StsError.TimeoutCode, 0, $"{form.Action} timed out"));
        }
        catch (HttpRequestException exception)
        {
            return StsReply<StsAnswer>.Failed(new StsError(StsError.UnreachableCode, 0, exception.Message));
        }
    }
}
