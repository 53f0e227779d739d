using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>Which chat message carries a sign-in link, so it can be edited when the link expires. Holds no URL.</summary>
/// <param name="MessageRef">Platform-owned reference to the delivered message (channel + ts, conversation + activity id).</param>
public sealed record IssuedLinkRecord(
    RequestId RequestId,
    ChatPlatform Platform,
    ChatUserId Requester,
    string Profile,
    string MessageRef,
    DateTimeOffset IssuedAt,
    DateTimeOffset LinkExpiresAt,
    DateTimeOffset? RemovedAt = null);
