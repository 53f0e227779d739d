namespace ChatOpsSignin.Core.Requests;

public sealed record ProfileSummary(string Name, string? Description, bool NeedsApproval);
