using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Links;

/// <summary>Port: trades temporary credentials for a console sign-in URL (the AWS federation endpoint).</summary>
public interface IConsoleLinkFactory
{
    Task<Outcome<ConsoleLink>> CreateAsync(IssuedCredentials credentials, string profileName, ProfileOptions profile, CancellationToken cancellationToken);
}
