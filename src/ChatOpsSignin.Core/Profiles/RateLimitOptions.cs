namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>RateLimit</c>: how many requests one user may make for one profile in a window.</summary>
public sealed class RateLimitOptions
{
    /// <summary>0 turns the limit off.</summary>
    public int PerUserPerProfile { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
