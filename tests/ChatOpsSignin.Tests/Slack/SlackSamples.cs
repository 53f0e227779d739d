using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack.Delivery;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>Requests, approvals and links as the core hands them to the Slack room.</summary>
internal static class SlackSamples
{
    public const string Requester = "U0REQUESTER";
    public const string Approver = "U0APPROVER";
    public const string ApprovalChannel = "C0APPROVALS";
    public static readonly Uri SigninUrl = new("https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN&Destination=x");
    public static readonly DateTimeOffset Now = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static SigninRequest Request(DateTimeOffset? at = null, string? reason = "INC-42 <disk> & full") => new(
        RequestId.New(),
        new ChatUser(ChatUserId.Slack(SlackStandIn.TeamId, Requester), "road.runner"),
        "prod-readonly",
        reason,
        new ReplyTarget(SlackStandIn.TeamId, Requester, "C0GENERAL").ToJson(),
        at ?? Now);

    public static PendingApproval Pending(SigninRequest request) => new(request, request.RequestedAt.AddMinutes(30), ApprovalState.Pending);

    public static ChatUser ApproverUser => new(ChatUserId.Slack(SlackStandIn.TeamId, Approver), "wile.e");

    public static LinkDelivery Link(SigninRequest request)
    {
        var credentials = new IssuedCredentials(
            new TemporaryCredentials("ASIAEXAMPLE", "secret", "session-token", Now.AddHours(1)),
            CredentialSource.AssumedRole,
            "arn:aws:sts::111122223333:assumed-role/ReadOnly/road.runner+abcdef",
            "arn:aws:iam::111122223333:role/ReadOnly",
            "road.runner+abcdef",
            "road.runner+abcdef",
            TimeSpan.FromHours(1));
        return new LinkDelivery(request, new ConsoleLink(SigninUrl, Now, Now + ConsoleLink.Lifetime, Now.AddHours(1)), credentials);
    }
}
