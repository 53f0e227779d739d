using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Telemetry;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>Turns an STS reply into an outcome: AWS's expected refusals, timeouts and unreachability become <see cref="SigninFailure"/>s.</summary>
internal static class StsCall
{
    public static Outcome<T> ToOutcome<T>(StsReply<T> reply, AwsCallContext context)
        where T : class
    {
        if (reply.Value is { } value)
        {
            return value;
        }

        var error = reply.Error!;
        switch (error.Code)
        {
            case StsError.TimeoutCode:
                ClientTelemetry.Failed("aws", "sts", 0, "timeout");
                return AwsFailures.Timeout(context.Profile, "AWS STS");
            case StsError.UnreachableCode:
                ClientTelemetry.Failed("aws", "sts", 0, "unreachable");
                return AwsFailures.Unreachable(context.Profile, "AWS STS", error.Message);
            default:
                ClientTelemetry.Failed("aws", "sts", error.Status, error.Code);
                return AwsFailures.From(error.Code, error.Status, error.Message, context);
        }
    }
}
