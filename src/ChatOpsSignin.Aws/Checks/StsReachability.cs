using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Credentials;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>
/// Readiness of the Aws room: the broker's credentials resolve and STS answers a signed GetCallerIdentity (needs no
/// permission, changes nothing). Skipped when no profile is configured. The detail is a failure code, never a key.
/// </summary>
public sealed class StsReachability(ProfileCatalog catalog, BrokerCredentials broker, StsClient sts)
{
    /// <returns>Ready, and "ok", "no profiles" or what is down.</returns>
    public async Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!catalog.All.Any())
        {
            return (true, "no profiles");
        }

        var session = await broker.ResolveAsync(cancellationToken);
        if (!session.Succeeded)
        {
            return (false, "down: " + session.Failure.Code);
        }

        var identity = StsCall.ToOutcome(
            await sts.GetCallerIdentityAsync(session.Value.Credentials, cancellationToken),
            new AwsCallContext("(readiness)", "sts:GetCallerIdentity", null, false));
        return identity.Succeeded ? (true, "ok") : (false, "down: " + identity.Failure.Code);
    }
}
