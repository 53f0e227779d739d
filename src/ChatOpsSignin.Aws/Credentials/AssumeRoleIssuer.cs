using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// STS AssumeRole with the broker's credentials: RoleSessionName, SourceIdentity and session tags name the chat user.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
/// </summary>
public sealed partial class AssumeRoleIssuer(BrokerCredentials broker, StsClient sts, TimeProvider time, ILogger<AssumeRoleIssuer> logger)
    : ICredentialIssuer
{
    public SigninMethod Method => SigninMethod.AssumeRole;

    public async Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var profile = request.Profile;
        var context = new AwsCallContext(request.ProfileName, "sts:AssumeRole", profile.RoleArn, profile.ExternalId is not null);
        var session = await broker.ResolveAsync(cancellationToken);
        if (!session.Succeeded)
        {
            return session.Failure;
        }

        var plan = SessionPlan.For(profile, session.Value.IsTemporary);
        var call = new AssumeRoleRequest(
            profile.RoleArn!,
            request.Session.RoleSessionName,
            request.Session.SourceIdentity,
            (int)plan.CredentialLifetime.TotalSeconds,
            profile.ExternalId,
            request.SessionTags,
            profile.Policy,
            profile.PolicyArns);
        var response = StsCall.ToOutcome(await sts.AssumeRoleAsync(call, session.Value.Credentials, cancellationToken), context);
        if (!response.Succeeded)
        {
            Log.Refused(logger, request.ProfileName, request.Session.RoleSessionName, response.Failure.Code);
            return response.Failure;
        }

        var result = response.Value;
        Log.Issued(logger, request.ProfileName, result.PrincipalArn, plan.CredentialLifetime.TotalSeconds);
        return new IssuedCredentials(
            result.ToTemporary(time, plan.CredentialLifetime),
            CredentialSource.AssumedRole,
            result.PrincipalArn,
            profile.RoleArn,
            request.Session.RoleSessionName,
            result.SourceIdentity ?? request.Session.SourceIdentity,
            plan.CredentialLifetime);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {Profile}: assumed {PrincipalArn} for {Seconds}s.")]
        public static partial void Issued(ILogger logger, string profile, string principalArn, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile}: AssumeRole for session {SessionName} refused: {Code}.")]
        public static partial void Refused(ILogger logger, string profile, string sessionName, string code);
    }
}
