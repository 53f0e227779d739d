using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// STS GetFederationToken: needs the IAM user's long-term keys and a session policy (without one the federated user
/// has no permissions). https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
/// </summary>
public sealed partial class FederationTokenIssuer(BrokerCredentials broker, StsClient sts, TimeProvider time, ILogger<FederationTokenIssuer> logger)
    : ICredentialIssuer
{
    public SigninMethod Method => SigninMethod.FederationToken;

    public async Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var profile = request.Profile;
        var session = await broker.ResolveAsync(cancellationToken);
        if (!session.Succeeded)
        {
            return session.Failure;
        }

        var plan = SessionPlan.For(profile, session.Value.IsTemporary);
        if (plan.Impossible is not null)
        {
            Log.Refused(logger, request.ProfileName, request.Session.FederatedUserName, "federation_token_needs_iam_user");
            return AwsFailures.FederationTokenNeedsIamUser(request.ProfileName);
        }

        var call = new FederationTokenRequest(
            request.Session.FederatedUserName, (int)plan.CredentialLifetime.TotalSeconds, profile.Policy, profile.PolicyArns, request.SessionTags);
        var context = new AwsCallContext(request.ProfileName, "sts:GetFederationToken", null, false);
        var response = StsCall.ToOutcome(await sts.GetFederationTokenAsync(call, session.Value.Credentials, cancellationToken), context);
        if (!response.Succeeded)
        {
            Log.Refused(logger, request.ProfileName, request.Session.FederatedUserName, response.Failure.Code);
            return response.Failure;
        }

        var result = response.Value;
        Log.Issued(logger, request.ProfileName, result.PrincipalArn, plan.CredentialLifetime.TotalSeconds);
        return new IssuedCredentials(
            result.ToTemporary(time, plan.CredentialLifetime),
            CredentialSource.FederatedUser,
            result.PrincipalArn,
            null,
            request.Session.FederatedUserName,
            null,
            plan.CredentialLifetime);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {Profile}: federation token for {PrincipalArn} for {Seconds}s.")]
        public static partial void Issued(ILogger logger, string profile, string principalArn, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile}: GetFederationToken for {Name} refused: {Code}.")]
        public static partial void Refused(ILogger logger, string profile, string name, string code);
    }
}
