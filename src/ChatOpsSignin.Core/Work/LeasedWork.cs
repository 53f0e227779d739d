namespace ChatOpsSignin.Core.Work;

/// <summary>
/// A work item held by one replica until <paramref name="Until"/>. <paramref name="Token"/> changes on every write, so a
/// replica whose lease expired (or was woken away) cannot overwrite what another replica did since.
/// </summary>
public sealed record LeasedWork(WorkItem Item, string Owner, long Token, DateTimeOffset Until);
