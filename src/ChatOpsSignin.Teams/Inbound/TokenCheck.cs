namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// The result of checking an inbound token, before the body is read. <see cref="Reason"/> never holds the token.
/// <see cref="ServiceUrl"/> is the token's signed <c>serviceurl</c> claim; <see cref="ServiceUrlClaimRequired"/> is
/// false only for Entra-issued tokens, which carry none (the serviceUrl host allow-list is then the only control).
/// </summary>
internal sealed record TokenCheck(bool Valid, string Reason, string? ServiceUrl = null, bool ServiceUrlClaimRequired = true)
{
    public static readonly TokenCheck LocalMode = new(true, "local mode: token checks off");

    public bool IsLocalMode => ReferenceEquals(this, LocalMode);

    public static TokenCheck Accepted(string? serviceUrl, bool serviceUrlClaimRequired) => new(true, "valid", serviceUrl, serviceUrlClaimRequired);

    public static TokenCheck Rejected(string reason) => new(false, reason);
}
