using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// Click-through mode: the Issue step posts <c>{PublicBaseUrl}go/&lt;id&gt;</c> and no credentials exist yet; the click
/// (<see cref="LinkFrontDoor"/>) comes back here, where the request is checked again against the configuration in force
/// and only then are credentials and the sign-in URL made. The AWS URL goes only into the 302.
/// </summary>
public sealed partial class RequestDriver
{
    /// <summary>Credentials and the AWS sign-in URL, at click time; the same re-check as the Issue step first.</summary>
    public async Task<Outcome<ConsoleLink>> IssueAtClickAsync(SigninRequest request, ChatUser? approver, CancellationToken cancellationToken)
    {
        var granted = request.BreakGlass ? await breakGlass.RecheckAtIssueAsync(request, cancellationToken) : rules.RecheckAtIssue(request, approver);
        if (!granted.Succeeded)
        {
            Log.Outcome(logger, request.Id.Value, request.Profile, request.Platform.ToString(), "refused at click", granted.Failure.Code);
            await audit.RecordAsync(request, AuditEventType.Refused, e => e with { Code = granted.Failure.Code }, cancellationToken);
            return granted.Failure;
        }

        var item = WorkItem.New(request) with { Step = WorkStep.Issue, State = new WorkState { Approver = approver } };
        var access = await IssueAccessAsync(item, SessionProfile(request, granted.Value), cancellationToken);
        if (!access.Succeeded)
        {
            Log.Outcome(logger, request.Id.Value, request.Profile, request.Platform.ToString(), "failed at click", access.Failure.Code);
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = access.Failure.Code }, cancellationToken);
            return access.Failure;
        }

        Log.Outcome(logger, request.Id.Value, request.Profile, request.Platform.ToString(), "opened", null);
        return access.Value.Link;
    }

    /// <summary>The Issue step in click-through mode: a ticket and its /go link; what chat shows of the role is the profile's.</summary>
    private async Task<Outcome<AccessGranted>> IssueClickThroughAsync(WorkItem item, ProfileCatalog.Entry profile, CancellationToken cancellationToken)
    {
        var request = item.Request;
        var link = await clickThrough.CreateAsync(request, item.State.Approver, profile.Options.SessionDuration, cancellationToken);
        var names = SessionNames.For(request.Requester);
        var preview = new IssuedCredentials(
            new TemporaryCredentials(string.Empty, string.Empty, string.Empty, link.ConsoleSessionEndsAt),
            profile.Options.Method == SigninMethod.FederationToken ? CredentialSource.FederatedUser : CredentialSource.AssumedRole,
            profile.Options.RoleArn ?? $"federated user of profile {profile.Name}",
            profile.Options.RoleArn,
            profile.Options.Method == SigninMethod.FederationToken ? names.FederatedUserName : names.RoleSessionName,
            profile.Options.Method == SigninMethod.AssumeRole ? names.SourceIdentity : null,
            profile.Options.SessionDuration);
        return new AccessGranted(preview, link);
    }
}
