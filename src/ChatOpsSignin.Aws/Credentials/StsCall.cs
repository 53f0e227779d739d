using Amazon.Runtime;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Telemetry;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>Runs one SDK call and turns AWS's expected refusals into <see cref="SigninFailure"/>s (bugs stay exceptions).</summary>
internal static class StsCall
{
    public static async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<T>> call, AwsCallContext context, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (AmazonServiceException exception) when (exception.ErrorCode is not null || (int)exception.StatusCode >= 400)
        {
            ClientTelemetry.Failed("aws", "sts", (int)exception.StatusCode, exception.ErrorCode ?? "Unknown");
            return AwsFailures.From(exception.ErrorCode ?? "Unknown", (int)exception.StatusCode, exception.Message, context);
        }
        catch (Exception exception) when (exception is TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ClientTelemetry.Failed("aws", "sts", 0, "timeout");
            return AwsFailures.Timeout(context.Profile, "AWS STS");
        }
        catch (HttpRequestException exception)
        {
            ClientTelemetry.Failed("aws", "sts", 0, "unreachable");
            return AwsFailures.Unreachable(context.Profile, "AWS STS", exception.Message);
        }
        catch (AmazonClientException exception) when (exception.InnerException is HttpRequestException or TimeoutException or OperationCanceledException)
        {
            ClientTelemetry.Failed("aws", "sts", 0, "unreachable");
            return AwsFailures.Unreachable(context.Profile, "AWS STS", exception.InnerException.Message);
        }
    }
}
