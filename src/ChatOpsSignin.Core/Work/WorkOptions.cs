using System.ComponentModel.DataAnnotations;

namespace ChatOpsSignin.Core.Work;

/// <summary><c>Work</c>: how many requests one replica runs at once, how much it accepts, and its leases.</summary>
public sealed class WorkOptions
{
    public const string Section = "Work";

    /// <summary>Requests run at once. They mostly wait on STS, the federation endpoint and chat APIs, so this is high.</summary>
    [Range(1, 4096)]
    public int MaxConcurrency { get; set; } = 256;

    /// <summary>Requests accepted but not finished on this replica; past it new ones are answered "busy".</summary>
    [Range(1, 100_000)]
    public int MaxBacklog { get; set; } = 2048;

    /// <summary>How long a replica holds a request while running one step; a dead replica's work resumes after it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the store is asked for due work (woken by other replicas, expiries, link removals).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A pending approval is re-read at least this often, so a lost wake-up costs at most this much.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ApprovalRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed runs of one step before the request is given up (link removal has its own bound).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Tries to remove a link from chat before giving up with an audit event.</summary>
    [Range(1, 50)]
    public int MaxRemovalAttempts { get; set; } = 8;
}
