using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Requests;

/// <summary>What a chat edge hands to the core: who asks for which profile, why, and where to answer.</summary>
/// <param name="ReplyTo">
/// Platform-owned, opaque to the core (e.g. Slack channel + response_url, Teams serviceUrl + conversation).
/// Persisted with pending approvals so a restarted bot can still answer.
/// </param>
public sealed record SigninRequest(
    RequestId Id,
    ChatUser Requester,
    string Profile,
    string? Reason,
    string ReplyTo,
    DateTimeOffset RequestedAt)
{
    public ChatPlatform Platform => Requester.Id.Platform;
}
