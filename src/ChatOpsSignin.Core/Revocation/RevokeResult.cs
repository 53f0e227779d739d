namespace ChatOpsSignin.Core.Revocation;

/// <summary>The answer to <c>revoke &lt;request-id&gt;</c> or a Revoke click; the edge shows <see cref="Message"/>.</summary>
public sealed record RevokeResult(RevokeStatus Status, string Message)
{
    public bool Taken => Status == RevokeStatus.Recorded;
}

public enum RevokeStatus
{
    /// <summary>The revoke is recorded; the driver attaches the Deny and tells the requester.</summary>
    Recorded,

    UnknownRequest,

    NotPermitted,

    AlreadyRevoked,

    /// <summary>This replica's backlog is full: nothing recorded, try again.</summary>
    Busy,
}
