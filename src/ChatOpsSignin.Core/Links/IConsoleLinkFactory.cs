using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Links;

/// <summary>Port: trades temporary credentials for a console sign-in URL (the AWS federation endpoint).</summary>
public interface IConsoleLinkFactory
{
    Task<Outcome<ConsoleLink>> CreateAsync(IssuedCredentials credentials, string profileName, ProfileOptions profile, CancellationToken cancellationToken);

    /// <summary>The same, landing on <paramref name="target"/> (already checked by <see cref="ConsoleTargetRules"/>).</summary>
    Task<Outcome<ConsoleLink>> CreateAsync(
        IssuedCredentials credentials, string profileName, ProfileOptions profile, ConsoleTarget target, CancellationToken cancellationToken) =>
        CreateAsync(credentials, profileName, profile, cancellationToken);
}
