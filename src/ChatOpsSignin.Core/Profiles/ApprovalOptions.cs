namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>Profiles:{name}:Approval</c>: who decides, where they are asked, and for how long.</summary>
public sealed class ApprovalOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>User keys or <c>group:name</c> entries.</summary>
    public List<string> Approvers { get; set; } = [];

    public string? SlackChannel { get; set; }

    public string? TeamsChannel { get; set; }

    public TimeSpan Timeout { get; set; } = DefaultTimeout;
}
