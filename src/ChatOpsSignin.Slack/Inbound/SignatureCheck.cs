namespace ChatOpsSignin.Slack.Inbound;

/// <summary>Why a request's Slack signature was (not) accepted. Only <see cref="Valid"/> lets a request through.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,

    /// <summary>Not <c>v0=</c> followed by 64 hex digits, or a timestamp that is not Unix seconds.</summary>
    Malformed,

    /// <summary>More than 5 minutes away from our clock, either way (replay protection).</summary>
    Stale,
    Mismatch,

    /// <summary>A valid signature seen before: the same request sent again within the 5-minute window.</summary>
    Replayed,
}
