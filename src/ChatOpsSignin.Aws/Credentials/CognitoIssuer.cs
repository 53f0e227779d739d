using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Cognito;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// Cognito identity pool, classic (basic) flow: guest GetId → GetOpenIdToken, or developer-authenticated
/// GetOpenIdTokenForDeveloperIdentity (Logins = { provider: chat user key }); then unsigned AssumeRoleWithWebIdentity
/// on the profile's role. The classic flow lets us choose the role and RoleSessionName, but not session tags or a
/// SourceIdentity: AssumeRoleWithWebIdentity takes those only from the token, and the bot's Cognito tokens carry none.
/// CloudTrail ties such a session to the chat user by its RoleSessionName alone (the audit's SourceIdentity stays empty).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
/// </summary>
public sealed partial class CognitoIssuer(
    CognitoIdentityClient cognito, BrokerCredentials broker, StsClient sts, TimeProvider time, ILogger<CognitoIssuer> logger) : ICredentialIssuer
{
    public SigninMethod Method => SigninMethod.Cognito;

    public async Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var profile = request.Profile;
        var token = await OpenIdTokenAsync(request, cancellationToken);
        if (!token.Succeeded)
        {
            Log.Refused(logger, request.ProfileName, "cognito-identity", token.Failure.Code);
            return token.Failure;
        }

        var plan = SessionPlan.For(profile, !await broker.IsLongTermAsync(cancellationToken));
        var call = new WebIdentityRequest(
            profile.RoleArn!, request.Session.RoleSessionName, token.Value.Token, (int)plan.CredentialLifetime.TotalSeconds, profile.Policy, profile.PolicyArns);
        var context = new AwsCallContext(request.ProfileName, "sts:AssumeRoleWithWebIdentity", profile.RoleArn, false);
        var response = StsCall.ToOutcome(await sts.AssumeRoleWithWebIdentityAsync(call, cancellationToken), context);
        if (!response.Succeeded)
        {
            Log.Refused(logger, request.ProfileName, "sts:AssumeRoleWithWebIdentity", response.Failure.Code);
            return response.Failure;
        }

        var result = response.Value;
        Log.Issued(logger, request.ProfileName, result.PrincipalArn, token.Value.IdentityId);
        return new IssuedCredentials(
            result.ToTemporary(time, plan.CredentialLifetime),
            CredentialSource.WebIdentityRole,
            result.PrincipalArn,
            profile.RoleArn,
            request.Session.RoleSessionName,
            result.SourceIdentity,
            plan.CredentialLifetime);
    }

    private async Task<Outcome<CognitoOpenIdToken>> OpenIdTokenAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var profile = request.Profile;
        var pool = profile.IdentityPoolId!;
        var context = new AwsCallContext(request.ProfileName, "cognito-identity", profile.RoleArn, false);
        if (profile.DeveloperProviderName is { } provider)
        {
            var session = await broker.ResolveAsync(cancellationToken);
            if (!session.Succeeded)
            {
                return session.Failure;
            }

            var developer = await cognito.GetOpenIdTokenForDeveloperIdentityAsync(
                pool, provider, request.Request.Requester.Id.Key, session.Value.Credentials, cancellationToken);
            return Map(developer, context with { Action = "cognito-identity:GetOpenIdTokenForDeveloperIdentity" });
        }

        var identity = await cognito.GetIdAsync(pool, cancellationToken);
        if (identity.Value is null)
        {
            return Map(CognitoReply<CognitoOpenIdToken>.Failed(identity.Error!), context with { Action = "cognito-identity:GetId" });
        }

        var guest = await cognito.GetOpenIdTokenAsync(identity.Value.IdentityId, cancellationToken);
        return Map(guest, context with { Action = "cognito-identity:GetOpenIdToken" });
    }

    private static Outcome<CognitoOpenIdToken> Map(CognitoReply<CognitoOpenIdToken> reply, AwsCallContext context)
    {
        if (reply.Error is { } error)
        {
            ClientTelemetry.Failed("aws", "cognito", error.Status, error.Type);
        }

        return MapReply(reply, context);
    }

    private static Outcome<CognitoOpenIdToken> MapReply(CognitoReply<CognitoOpenIdToken> reply, AwsCallContext context) => reply switch
    {
        { Value: { } value } => value,
        { Error.Type: CognitoError.TimeoutType } => AwsFailures.Timeout(context.Profile, "Amazon Cognito Identity"),
        { Error.Type: CognitoError.UnreachableType } => AwsFailures.Unreachable(context.Profile, "Amazon Cognito Identity", reply.Error.Message),
        _ => AwsFailures.From(reply.Error!.Type, reply.Error.Status, reply.Error.Message, context),
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {Profile}: assumed {PrincipalArn} for Cognito identity {IdentityId}.")]
        public static partial void Issued(ILogger logger, string profile, string principalArn, string identityId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile}: {Step} refused: {Code}.")]
        public static partial void Refused(ILogger logger, string profile, string step, string code);
    }
}
