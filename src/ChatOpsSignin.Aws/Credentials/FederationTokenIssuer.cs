using Amazon.SecurityToken.Model;
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
public sealed partial class FederationTokenIssuer(BrokerCredentials broker, StsClients sts, TimeProvider time, ILogger<FederationTokenIssuer> logger)
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

        var call = new GetFederationTokenRequest
        {
            Name = request.Session.FederatedUserName,
            DurationSeconds = (int)plan.CredentialLifetime.TotalSeconds,
            Policy = profile.Policy,
            PolicyArns = StsRequestParts.PolicyArns(profile),
            Tags = StsRequestParts.Tags(request.SessionTags),
        };
        var context = new AwsCallContext(request.ProfileName, "sts:GetFederationToken", null, false);
        var response = await StsCall.RunAsync(ct => sts.For(session.Value.Credentials).GetFederationTokenAsync(call, ct), context, cancellationToken);
        if (!response.Succeeded)
        {
            Log.Refused(logger, request.ProfileName, request.Session.FederatedUserName, response.Failure.Code);
            return response.Failure;
        }

        var result = response.Value;
        var credentials = StsRequestParts.ToTemporary(result.Credentials, time, plan.CredentialLifetime);
        Log.Issued(logger, request.ProfileName, result.FederatedUser.Arn, plan.CredentialLifetime.TotalSeconds);
        return new IssuedCredentials(
            credentials,
            CredentialSource.FederatedUser,
            result.FederatedUser.Arn,
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
