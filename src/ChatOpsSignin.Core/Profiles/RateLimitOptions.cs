namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>RateLimit</c>: how many requests one user may make in a window, for one profile and in all.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Every request of one user, allowed or not, any profile; 0 turns it off. Bounds what a stranger can cost.</summary>
    public int PerUser { get; set; } = 30;

    /// <summary>0 turns the limit off.</summary>
    public int PerUserPerProfile { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Break-glass sessions one user may take in <see cref="BreakGlassWindow"/>, all profiles together; 0 turns it off.</summary>
    public int BreakGlassPerUser { get; set; } = 3;

    public TimeSpan BreakGlassWindow { get; set; } = TimeSpan.FromDays(1);
}
