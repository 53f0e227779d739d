using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Aws;

/// <summary>
/// Expected AWS "no"s as <see cref="SigninFailure"/>s: a stable code, a message the requester can act on, and an admin
/// message naming profile and role. AWS error messages carry ARNs and names, never secrets, so the admin message may quote them.
/// Codes: https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html and the per-action error lists.
/// </summary>
public static class AwsFailures
{
    private const string TellAdmin = "An admin has been told.";

    public static SigninFailure BrokerCredentialsMissing(string detail) => new(
        "broker_credentials_missing",
        $"The bot has no working AWS credentials right now. {TellAdmin}",
        $"The broker's AWS credentials could not be resolved from the SDK chain (environment, profile, container or instance role): {detail}");

    public static SigninFailure FederationTokenNeedsIamUser(string profile) => new(
        "federation_token_needs_iam_user",
        $"This profile cannot be issued while the bot runs on temporary credentials. {TellAdmin}",
        $"Profile '{profile}': GetFederationToken cannot be called with session credentials; give the bot IAM user access keys (Aws:BrokerCredentials) or change the profile's Method to AssumeRole.");

    public static SigninFailure Timeout(string profile, string service) => new(
        "aws_timeout",
        $"AWS did not answer in time. Please try again in a minute. {TellAdmin}",
        $"Profile '{profile}': {service} did not answer within Aws:Timeout (after bounded retries).");

    public static SigninFailure Unreachable(string profile, string service, string detail) => new(
        "aws_unreachable",
        $"AWS could not be reached. Please try again in a minute. {TellAdmin}",
        $"Profile '{profile}': {service} could not be reached: {detail}");

    /// <summary>Maps an AWS error code (STS query XML Code or Cognito __type) to a failure.</summary>
    public static SigninFailure From(string code, int status, string message, AwsCallContext context)
    {
        var at = context.Describe();
        return code switch
        {
            "AccessDenied" or "AccessDeniedException" when message.Contains("GetFederationToken with session credentials", StringComparison.Ordinal) =>
                FederationTokenNeedsIamUser(context.Profile),
            "AccessDenied" or "AccessDeniedException" when context.HasExternalId => new(
                "access_denied",
                $"AWS refused access to this profile's role. {TellAdmin}",
                $"{at}: AccessDenied. The profile sends an ExternalId: check that the role's trust policy condition sts:ExternalId equals Profiles:{context.Profile}:ExternalId, and that it allows sts:TagSession and sts:SetSourceIdentity. AWS said: {message}"),
            "AccessDenied" or "AccessDeniedException" => new(
                "access_denied",
                $"AWS refused access to this profile's role. {TellAdmin}",
                $"{at}: AccessDenied. Check the role's trust policy (principal, sts:TagSession, sts:SetSourceIdentity) and the broker's sts:AssumeRole permission. AWS said: {message}"),
            "ValidationError" => new(
                "aws_validation",
                $"AWS rejected the request's parameters. {TellAdmin}",
                $"{at}: ValidationError (session name, duration, tags or policy). AWS said: {message}"),
            "RegionDisabledException" => new(
                "sts_region_disabled",
                $"AWS STS is not enabled in the configured region. {TellAdmin}",
                $"{at}: STS is not activated in region of Aws:Region for this account; activate it in IAM account settings or use another Aws:Region. AWS said: {message}"),
            "ExpiredToken" or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignature" or "MissingAuthenticationTokenException" => new(
                "broker_credentials_invalid",
                $"The bot's own AWS credentials are not accepted. {TellAdmin}",
                $"{at}: {code}: the broker's credentials are expired, unknown or mis-signed (check the key, the clock, and that it belongs to the partition). AWS said: {message}"),
            "RequestExpired" => new(
                "broker_clock_skew",
                $"The bot's clock is off, so AWS refused it. {TellAdmin}",
                $"{at}: RequestExpired: the host clock is more than 5 minutes off; check NTP."),
            "PackedPolicyTooLarge" or "PackedPolicyTooLargeException" => new(
                "packed_policy_too_large",
                $"This profile's session policy and tags are too large for AWS. {TellAdmin}",
                $"{at}: PackedPolicyTooLarge: shrink Profiles:{context.Profile}:Policy, PolicyArns or Tags. AWS said: {message}"),
            "MalformedPolicyDocument" or "MalformedPolicyDocumentException" => new(
                "malformed_policy",
                $"This profile's session policy is not valid. {TellAdmin}",
                $"{at}: MalformedPolicyDocument: fix Profiles:{context.Profile}:Policy. AWS said: {message}"),
            "InvalidIdentityToken" or "IDPRejectedClaim" or "ExpiredTokenException" => new(
                "web_identity_rejected",
                $"AWS did not accept the Cognito identity for this profile's role. {TellAdmin}",
                $"{at}: {code}: check that the role trusts cognito-identity.amazonaws.com with aud = Profiles:{context.Profile}:IdentityPoolId. AWS said: {message}"),
            "NotAuthorizedException" => new(
                "cognito_not_authorized",
                $"The identity pool refused this sign-in. {TellAdmin}",
                $"{at}: Cognito NotAuthorized: check that the pool allows this identity type (guest identities enabled, or DeveloperProviderName matches the pool) and that the broker may call cognito-identity:GetOpenIdTokenForDeveloperIdentity. AWS said: {message}"),
            "ResourceNotFoundException" => new(
                "cognito_pool_not_found",
                $"This profile's identity pool does not exist. {TellAdmin}",
                $"{at}: Cognito ResourceNotFound: check Profiles:{context.Profile}:IdentityPoolId and Aws:Partition/CognitoServiceUrl. AWS said: {message}"),
            "InvalidParameterException" => new(
                "cognito_invalid_parameter",
                $"The identity pool rejected the request's parameters. {TellAdmin}",
                $"{at}: Cognito InvalidParameter. AWS said: {message}"),
            "Throttling" or "ThrottlingException" or "TooManyRequestsException" or "RequestLimitExceeded" => new(
                "aws_throttled",
                "AWS is rate-limiting the bot. Please try again in a minute.",
                $"{at}: {code} after bounded retries."),
            _ when status >= 500 => new(
                "aws_unavailable",
                "AWS had an internal error. Please try again in a minute.",
                $"{at}: {code} (HTTP {status}) after bounded retries."),
            _ => new(
                "aws_error",
                $"AWS refused the request. {TellAdmin}",
                $"{at}: {code} (HTTP {status}). AWS said: {message}"),
        };
    }
}
