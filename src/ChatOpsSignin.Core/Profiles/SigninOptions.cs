namespace ChatOpsSignin.Core.Profiles;

/// <summary>The root-level keys the core reads: <c>Profiles</c>, <c>Groups</c>, <c>RateLimit</c>, <c>Admins</c>.</summary>
public sealed class SigninOptions
{
    public Dictionary<string, ProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Who may revoke any issued sign-in (entries as for <c>Allow</c>).</summary>
    public List<string> Admins { get; set; } = [];
}
