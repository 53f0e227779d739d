using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Credentials;

/// <summary>The registered credential issuers, by sign-in method.</summary>
public sealed class CredentialIssuers(IEnumerable<ICredentialIssuer> issuers)
{
    private readonly Dictionary<SigninMethod, ICredentialIssuer> byMethod = issuers.ToDictionary(i => i.Method);

    public Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken) =>
        byMethod.TryGetValue(request.Profile.Method, out var issuer)
            ? issuer.IssueAsync(request, cancellationToken)
            : Task.FromResult<Outcome<IssuedCredentials>>(new SigninFailure(
                "method_unavailable",
                "This profile cannot be issued right now. An admin has been told.",
                $"No credential issuer is registered for method {request.Profile.Method} (profile '{request.ProfileName}')."));
}
