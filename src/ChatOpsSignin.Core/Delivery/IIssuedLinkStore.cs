using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>Port: the chat messages that carry (or may carry) a sign-in link, so each is removed when the link expires.</summary>
public interface IIssuedLinkStore
{
    /// <summary>Records one message; recording the same request and message again changes nothing.</summary>
    Task AddAsync(IssuedLinkRecord record, CancellationToken cancellationToken);

    /// <summary>Every recorded message of one request, removed or not.</summary>
    Task<IReadOnlyList<IssuedLinkRecord>> ListForRequestAsync(RequestId id, CancellationToken cancellationToken);

    /// <summary>The user's links that are not removed yet, newest first (status, revoke).</summary>
    Task<IReadOnlyList<IssuedLinkRecord>> ListLiveForRequesterAsync(ChatUserId requester, int max, CancellationToken cancellationToken);

    /// <summary>Marks one message removed, once; false when another replica already did.</summary>
    Task<bool> TryMarkRemovedAsync(RequestId id, string messageRef, DateTimeOffset at, CancellationToken cancellationToken);
}
