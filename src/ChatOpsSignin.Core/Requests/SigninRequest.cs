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
    /// <summary>Set when the request came in another way than the requester's own platform (the CLI's <c>link</c>).</summary>
    public ChatPlatform? Via { get; init; }

    /// <summary>Console service asked for with <c>-s</c> (an alias such as <c>ec2</c>); null = the profile's Destination.</summary>
    public string? Service { get; init; }

    /// <summary>Console region asked for with <c>-r</c>; null = the profile's Region.</summary>
    public string? Region { get; init; }

    /// <summary><c>break-glass</c>: issued at once without an approver, announced in the approval channel, acknowledged afterwards.</summary>
    public bool BreakGlass { get; init; }

    /// <summary>Where the request came from and where its answers go; the audit trail records it.</summary>
    public ChatPlatform Platform => Via ?? Requester.Id.Platform;
}
