using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Credentials;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>
/// For the CLI <c>check</c> verb: validates the configuration (without throwing) and, when asked to call AWS,
/// runs GetCallerIdentity and issues each profile's credentials once for 15 minutes through the real issuers
/// (AssumeRole: trust policy, ExternalId, TagSession and SetSourceIdentity; Cognito: the pool and the role's trust of it).
/// Returns values, prints nothing.
/// </summary>
public sealed class ProfileCheck(
    IConfiguration configuration,
    IEnumerable<IValidateOptions<SigninOptions>> profileValidators,
    IEnumerable<IValidateOptions<AwsOptions>> awsValidators,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>The identity the check signs in as; tags and session names show "chatops-signin-check" in CloudTrail.</summary>
    public static readonly ChatUser CheckUser = new(new ChatUserId(ChatPlatform.Cli, "check", "chatops-signin"), "chatops-signin-check");

    public async Task<ProfileCheckReport> RunAsync(bool callAws, CancellationToken cancellationToken)
    {
        var signin = configuration.Get<SigninOptions>() ?? new SigninOptions();
        var aws = configuration.GetSection(AwsOptions.Section).Get<AwsOptions>() ?? new AwsOptions();
        var errors = profileValidators.SelectMany(v => Failures(v.Validate(null, signin)))
            .Concat(awsValidators.SelectMany(v => Failures(v.Validate(null, aws))))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // With an invalid Aws section the AWS services cannot even be built: report, and do not touch AWS.
        var awsValid = !errors.Exists(e => e.StartsWith(AwsOptions.Section + ":", StringComparison.Ordinal));
        var brokerCheck = await CheckBrokerAsync(callAws && awsValid, cancellationToken);
        var temporary = brokerCheck.Resolved ? brokerCheck.IsTemporary : await BrokerIsTemporaryAsync(awsValid, cancellationToken);
        var results = new List<ProfileCheckResult>();
        foreach (var (name, profile) in signin.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var prefix = $"Profiles:{name}:";
            var own = errors.Where(e => e.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
            results.Add(await CheckProfileAsync(name, profile, own, brokerCheck, temporary, callAws, cancellationToken));
        }

        var general = errors.Where(e => !e.StartsWith("Profiles:", StringComparison.OrdinalIgnoreCase)).ToList();
        return new ProfileCheckReport(brokerCheck, general, results, !callAws);
    }

    private async Task<BrokerCheck> CheckBrokerAsync(bool callAws, CancellationToken cancellationToken)
    {
        if (!callAws)
        {
            return new BrokerCheck(false, false, null, null, null, null);
        }

        var session = await services.GetRequiredService<BrokerCredentials>().ResolveAsync(cancellationToken);
        if (!session.Succeeded)
        {
            return new BrokerCheck(false, false, null, null, null, session.Failure.AdminMessage);
        }

        var context = new AwsCallContext("(broker)", "sts:GetCallerIdentity", null, false);
        var identity = StsCall.ToOutcome(
            await services.GetRequiredService<StsClient>().GetCallerIdentityAsync(session.Value.Credentials, cancellationToken), context);
        return identity.Succeeded
            ? new BrokerCheck(true, session.Value.IsTemporary, session.Value.Source, identity.Value.Arn, identity.Value.Account, null)
            : new BrokerCheck(true, session.Value.IsTemporary, session.Value.Source, null, null, identity.Failure.AdminMessage);
    }

    private async Task<ProfileCheckResult> CheckProfileAsync(
        string name, ProfileOptions profile, List<string> errors, BrokerCheck brokerCheck, bool temporary, bool callAws, CancellationToken cancellationToken)
    {
        var plan = SessionPlan.For(profile, temporary);
        var skipped = new ProfileCheckResult(
            name, profile.Method, errors, ProfileCheckState.Skipped, null, null,
            plan.Impossible is null ? plan.ConsoleSession : TimeSpan.Zero, plan.Impossible ?? plan.Why, ProfileWarnings.For(profile));
        if (errors.Count > 0)
        {
            return skipped;
        }

        if (brokerCheck.Problem is not null)
        {
            return skipped with { Credentials = ProfileCheckState.Failed, FailureCode = "broker_unavailable", Detail = "the broker's AWS credentials cannot be used (see the broker line)." };
        }

        if (!callAws || !brokerCheck.Resolved)
        {
            return skipped with { Revoke = await services.GetRequiredService<RevokeCheck>().RunAsync(profile, false, cancellationToken) };
        }

        var issuer = services.GetServices<ICredentialIssuer>().FirstOrDefault(i => i.Method == profile.Method);
        if (issuer is null)
        {
            return skipped with { Credentials = ProfileCheckState.Failed, FailureCode = "method_unavailable", Detail = "no issuer registered" };
        }

        var request = new SigninRequest(RequestId.New(), CheckUser, name, "chatops-signin check", string.Empty, time.GetUtcNow());
        var shortProfile = ShortSession(profile);
        var issued = await issuer.IssueAsync(
            new CredentialRequest(request, name, shortProfile, SessionNames.For(CheckUser), SessionTags.For(CheckUser, null, shortProfile), null),
            cancellationToken);
        var revoke = await services.GetRequiredService<RevokeCheck>().RunAsync(profile, callAws, cancellationToken);
        return issued.Succeeded
            ? skipped with { Credentials = ProfileCheckState.Passed, Detail = issued.Value.PrincipalArn, Revoke = revoke }
            : skipped with { Credentials = ProfileCheckState.Failed, FailureCode = issued.Failure.Code, Detail = issued.Failure.AdminMessage, Revoke = revoke };
    }

    private async Task<bool> BrokerIsTemporaryAsync(bool awsValid, CancellationToken cancellationToken) => configuration
        .GetSection(AwsOptions.Section).GetValue<BrokerCredentialKind?>(nameof(AwsOptions.BrokerCredentials)) switch
        {
            BrokerCredentialKind.LongTerm => false,
            BrokerCredentialKind.Temporary => true,
            _ => awsValid && !await services.GetRequiredService<BrokerCredentials>().IsLongTermAsync(cancellationToken),
        };

    /// <summary>The same profile asking for the shortest session STS allows: the check proves access, it grants nothing useful.</summary>
    private static ProfileOptions ShortSession(ProfileOptions profile) => new()
    {
        Method = profile.Method,
        RoleArn = profile.RoleArn,
        ExternalId = profile.ExternalId,
        SessionDuration = TimeSpan.FromMinutes(15),
        Region = profile.Region,
        Destination = profile.Destination,
        Tags = profile.Tags,
        Policy = profile.Policy,
        PolicyArns = profile.PolicyArns,
        IdentityPoolId = profile.IdentityPoolId,
        DeveloperProviderName = profile.DeveloperProviderName,
        AllowGuestIdentities = profile.AllowGuestIdentities,
    };

    private static IEnumerable<string> Failures(ValidateOptionsResult result) => result.Failed ? result.Failures ?? [] : [];
}
