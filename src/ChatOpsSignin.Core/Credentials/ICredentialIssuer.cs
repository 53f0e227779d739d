using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Credentials;

/// <summary>Port: turns a granted request into temporary AWS credentials. One implementation per <see cref="SigninMethod"/>.</summary>
public interface ICredentialIssuer
{
    SigninMethod Method { get; }

    Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken);
}
