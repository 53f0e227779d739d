namespace ChatOpsSignin.Core.Policy;

/// <summary>Whether a user is in a set: yes, no, or unknown because a directory could not answer (which refuses).</summary>
public sealed record Membership(bool IsMember, string? Unavailable = null)
{
    public static readonly Membership Yes = new(true);
    public static readonly Membership No = new(false);

    public static Membership Unknown(string why) => new(false, why);
}
