using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Cli;

/// <summary>
/// The <c>link</c> verb's platform: the URL goes to stdout (like <c>aws-vault login --stdout</c>), everything else to
/// stderr. Nothing is left in a chat, so there is nothing to remove; approvals are never asked from the CLI.
/// </summary>
internal sealed class CliDelivery(TextWriter output, TextWriter error) : IChatDelivery
{
    public ChatPlatform Platform => ChatPlatform.Cli;

    public bool RemovesLinks => false;

    /// <summary>The last refusal or failure the driver reported, for the exit code.</summary>
    public SigninFailure? Failure { get; private set; }

    public bool LinkShown { get; private set; }

    public Task<string> ResolveHandleAsync(SigninRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Requester.Handle);

    public Task<string> OpenLinkSlotAsync(SigninRequest request, CancellationToken cancellationToken) => Task.FromResult("stdout");

    public async Task<string> ShowLinkAsync(string slot, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(delivery.Link.Url.AbsoluteUri);
        await error.WriteLineAsync(
            $"session {delivery.Credentials.SessionName}; link valid until {delivery.Link.ExpiresAt:u}; console session ends by {delivery.Link.ConsoleSessionEndsAt:u}");
        LinkShown = true;
        return slot;
    }

    public Task<IReadOnlyList<string>> FindShownLinksAsync(string slot, SigninRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task AbandonLinkSlotAsync(string slot, SigninRequest request, SigninFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveLinkAsync(IssuedLinkRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task NotifyRequesterAsync(SigninRequest request, RequesterNotice notice, CancellationToken cancellationToken)
    {
        if (notice is RequesterNotice.Refused refused)
        {
            Failure = refused.Failure;
            await error.WriteLineAsync($"refused ({refused.Failure.Code}): {refused.Failure.AdminMessage}");
        }
    }

    public Task<string> PostApprovalPromptAsync(PendingApproval approval, string channel, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The CLI never asks for approval.");

    public Task UpdateApprovalPromptAsync(PendingApproval approval, CancellationToken cancellationToken) => Task.CompletedTask;
}
