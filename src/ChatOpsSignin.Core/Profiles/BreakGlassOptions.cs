namespace ChatOpsSignin.Core.Profiles;

/// <summary>
/// <c>Profiles:{name}:BreakGlass</c>: who may take the profile at once with <c>break-glass</c>, without waiting for an
/// approver, and for how long. Absent: the profile has no break-glass. The approvers review it afterwards.
/// </summary>
public sealed class BreakGlassOptions
{
    public static readonly TimeSpan DefaultSessionDuration = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DefaultRepostAfter = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinSessionDuration = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxSessionDuration = TimeSpan.FromHours(1);

    /// <summary>User keys, directory entries or <c>group:name</c>, as in <c>Allow</c>.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>The console session a break-glass gets: short, at most the profile's own <c>SessionDuration</c>.</summary>
    public TimeSpan SessionDuration { get; set; } = DefaultSessionDuration;

    /// <summary>A broadcast nobody has acknowledged after this long is posted again, once.</summary>
    public TimeSpan RepostAfter { get; set; } = DefaultRepostAfter;
}
