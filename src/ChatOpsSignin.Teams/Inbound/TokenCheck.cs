namespace ChatOpsSignin.Teams.Inbound;

/// <summary>The result of checking an inbound Bot Framework token. <see cref="Reason"/> never holds the token.</summary>
internal sealed record TokenCheck(bool Valid, string Reason)
{
    public static readonly TokenCheck Accepted = new(true, "valid");

    public static readonly TokenCheck LocalMode = new(true, "local mode: token checks off");

    public static TokenCheck Rejected(string reason) => new(false, reason);
}
