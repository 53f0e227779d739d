using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Links;

/// <summary>Credentials, then the console link, for a request that policy (and approval) granted.</summary>
public sealed class ConsoleAccessIssuer(IEnumerable<ICredentialIssuer> issuers, IConsoleLinkFactory links, AuditTrail audit)
{
    private readonly Dictionary<SigninMethod, ICredentialIssuer> issuers = issuers.ToDictionary(i => i.Method);

    public async Task<Outcome<ConsoleAccess>> IssueAsync(
        SigninRequest request, ProfileCatalog.Entry profile, ChatUser? approver, CancellationToken cancellationToken)
    {
        if (!issuers.TryGetValue(profile.Options.Method, out var issuer))
        {
            return new SigninFailure(
                "method_unavailable",
                "This profile cannot be issued right now. An admin has been told.",
                $"No credential issuer is registered for method {profile.Options.Method} (profile '{profile.Name}').");
        }

        var credentialRequest = new CredentialRequest(
            request,
            profile.Name,
            profile.Options,
            SessionNames.For(request.Requester),
            SessionTags.For(request.Requester, approver, profile.Options),
            approver);
        var credentials = await issuer.IssueAsync(credentialRequest, cancellationToken);
        if (!credentials.Succeeded)
        {
            return credentials.Failure;
        }

        var issued = credentials.Value;
        await audit.RecordAsync(
            request,
            AuditEventType.CredentialsIssued,
            e => e.WithSession(issued) with { Actor = approver?.Id.Key, Duration = issued.Duration },
            cancellationToken);

        var link = await links.CreateAsync(issued, profile.Name, profile.Options, cancellationToken);
        return link.Succeeded ? new ConsoleAccess(issued, link.Value) : link.Failure;
    }
}
