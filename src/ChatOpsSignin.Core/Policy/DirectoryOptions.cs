using System.ComponentModel.DataAnnotations;

namespace ChatOpsSignin.Core.Policy;

/// <summary><c>Directories</c>: how long a directory's answer (group members, a user's active flag) is trusted.</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directories";

    /// <summary><c>Directories:CacheFor</c>, default 5 minutes. A Slack subteam event refreshes a group sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);
}
