using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// STS AssumeRoleWithWebIdentity for Cognito-minted tokens: the signature must be the stand-in's Cognito key, iss Cognito,
/// aud the pool the role trusts, and the token unexpired by the stand-in's clock. Unsigned (the token is the proof).
/// </summary>
public sealed partial class AwsStandIn
{
    private (string?, AwsError?) AssumeRoleWithWebIdentity(Dictionary<string, string> form)
    {
        var errors = new List<string>();
        var roleArn = StsRules.Required(errors, form, "RoleArn", "roleArn", 20, 2048, null);
        var sessionName = StsRules.Required(errors, form, "RoleSessionName", "roleSessionName", 2, 64, StsRules.NamePattern);
        var token = StsRules.Required(errors, form, "WebIdentityToken", "webIdentityToken", 4, 20000, null);
        var duration = StsRules.Duration(errors, form, 900, 43200, 3600);
        var (policy, policyArns) = StsRules.Policies(errors, form);
        if (StsRules.ValidationError(errors) is { } invalid)
        {
            return (null, invalid);
        }

        if (StsRules.PolicyProblem(policy, new Dictionary<string, string>()) is { } policyProblem)
        {
            return (null, policyProblem);
        }

        var validation = new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = CognitoIssuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = tokenKey,
        }).GetAwaiter().GetResult();
        if (!validation.IsValid || validation.SecurityToken is not JsonWebToken jwt)
        {
            return (null, new AwsError(400, "InvalidIdentityToken", "Couldn't verify the token's signature or issuer."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo <= now)
        {
            return (null, new AwsError(400, "ExpiredTokenException", $"Token expired: current date/time {now:O} must be before the expiration date/time {jwt.ValidTo:O}"));
        }

        var audience = jwt.Audiences.FirstOrDefault();
        StandInRole? role;
        lock (gate)
        {
            role = roles.GetValueOrDefault(roleArn!);
        }

        if (role?.TrustedIdentityPool is null || role.TrustedIdentityPool != audience)
        {
            return (null, new AwsError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"));
        }

        if (duration > role.MaxSession)
        {
            return (null, new AwsError(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
        }

        var roleName = roleArn![(roleArn!.LastIndexOf('/') + 1)..];
        var key = Issue("AssumeRoleWithWebIdentity", KeyKind.WebIdentity, $"arn:aws:sts::{AccountId}:assumed-role/{roleName}/{sessionName}", false,
            roleArn, sessionName!, null, new Dictionary<string, string>(), duration, policy, policyArns);
        return ($"<SubjectFromWebIdentityToken>{Xml(jwt.Subject)}</SubjectFromWebIdentityToken><Audience>{Xml(audience!)}</Audience>"
            + $"<AssumedRoleUser><Arn>{Xml(key.PrincipalArn)}</Arn><AssumedRoleId>AROA{AccountId}:{Xml(sessionName!)}</AssumedRoleId></AssumedRoleUser>"
            + $"{CredentialsXml(key)}<Provider>cognito-identity.amazonaws.com</Provider>", null);
    }

    /// <summary>An OIDC token as Cognito mints it: iss cognito-identity.amazonaws.com, aud = pool, sub = identity, amr.</summary>
    private string MintToken(StandInIdentity identity, string? provider, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        string[] amr = identity.Authenticated ? ["authenticated", provider!, $"{provider}:{identity.PoolId}:{identity.Login}"] : ["unauthenticated"];
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CognitoIssuer,
            Audience = identity.PoolId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = identity.IdentityId, ["amr"] = amr },
            SigningCredentials = new SigningCredentials(tokenKey, SecurityAlgorithms.RsaSha512),
        });
    }
}
