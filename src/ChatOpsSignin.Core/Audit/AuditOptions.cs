namespace ChatOpsSignin.Core.Audit;

/// <summary><c>Audit</c>: how long the trail is kept.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    public static readonly TimeSpan MinRetention = TimeSpan.FromDays(1);

    /// <summary>Events older than this are deleted by the janitor; null (the default) keeps the trail forever.</summary>
    public TimeSpan? Retention { get; set; }
}
