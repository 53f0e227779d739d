namespace ChatOpsSignin.Core.Audit;

public sealed record AuditQuery(DateTimeOffset? Since = null, string? User = null, string? Profile = null, int Limit = 1000);
