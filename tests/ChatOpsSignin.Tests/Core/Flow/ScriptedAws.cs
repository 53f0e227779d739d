using System.Collections.Concurrent;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>
/// The AWS ports for core-flow tests: issue well-formed credentials and links, or a scripted failure.
/// The Aws room's own tests (against the loopback AWS stand-in) cover the wire.
/// </summary>
internal sealed class ScriptedAws(TimeProvider time) : ICredentialIssuer, IConsoleLinkFactory
{
    public const string AccessKeyId = "ASIASCRIPTEDEXAMPLE1";
    public const string Secret = "scripted/secret/never-logged";
    public const string Token = "scripted-session-token-never-logged";

    public SigninMethod Method => SigninMethod.AssumeRole;

    public ConcurrentQueue<CredentialRequest> Requests { get; } = new();

    public SigninFailure? NextFailure { get; set; }

    public Task<Outcome<IssuedCredentials>> IssueAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (NextFailure is { } failure)
        {
            return Task.FromResult<Outcome<IssuedCredentials>>(failure);
        }

        var roleName = request.Profile.RoleArn!.Split('/')[^1];
        var issued = new IssuedCredentials(
            new TemporaryCredentials(AccessKeyId, Secret, Token, time.GetUtcNow() + request.Profile.SessionDuration),
            CredentialSource.AssumedRole,
            $"arn:aws:sts::111122223333:assumed-role/{roleName}/{request.Session.RoleSessionName}",
            request.Profile.RoleArn,
            request.Session.RoleSessionName,
            request.Session.SourceIdentity,
            request.Profile.SessionDuration);
        return Task.FromResult<Outcome<IssuedCredentials>>(issued);
    }

    public Task<Outcome<ConsoleLink>> CreateAsync(IssuedCredentials credentials, string profileName, ProfileOptions profile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = new ConsoleLink(
            new Uri("https://signin.aws.amazon.com/federation?Action=login&SigninToken=scripted-signin-token"),
            now,
            now + ConsoleLink.Lifetime,
            credentials.Credentials.Expiration);
        return Task.FromResult<Outcome<ConsoleLink>>(link);
    }
}
