using System.Collections.Concurrent;
using ChatOpsSignin.Core.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// Directory answers behind a cache of <c>Directories:CacheFor</c>. Fails closed: a directory that cannot answer makes
/// the membership unknown, which every caller turns into a refusal. A user the group lists but the directory reports
/// deactivated or deleted is not a member.
/// </summary>
public sealed partial class DirectoryLookup(
    IEnumerable<IDirectory> directories, IOptionsMonitor<DirectoryOptions> options, TimeProvider time, ILogger<DirectoryLookup> logger)
{
    private readonly Dictionary<string, IDirectory> byKind = directories.ToDictionary(d => d.Kind, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<IReadOnlyList<DirectoryMember>>> groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<bool>> active = new(StringComparer.Ordinal);

    public bool Serves(string kind) => byKind.ContainsKey(kind);

    public async Task<Membership> InGroupAsync(DirectoryGroup group, ChatUserId user, CancellationToken cancellationToken)
    {
        if (!Applies(group, user))
        {
            return Membership.No;
        }

        if (!byKind.TryGetValue(group.Kind, out var directory))
        {
            return Membership.Unknown($"no {group.Kind} directory is configured");
        }

        try
        {
            var members = await MembersAsync(group, cancellationToken);
            if (!members.Any(m => m.Active && string.Equals(m.UserId, user.User, StringComparison.Ordinal)))
            {
                return Membership.No;
            }

            var isActive = await CachedAsync(active, $"{group.Kind}|{user.StableKey}", ct => directory.IsActiveAsync(user, ct), cancellationToken);
            if (!isActive)
            {
                Log.Deactivated(logger, user.Key, group.Key);
            }

            return isActive ? Membership.Yes : Membership.No;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Unavailable(logger, group.Key, exception.GetType().Name);
            return Membership.Unknown($"the {group.Kind} directory could not be reached to check {group.Key}");
        }
    }

    /// <summary>For <c>check</c>: a display name from the directory of <paramref name="kind"/>, or null (also when it cannot answer).</summary>
    public async Task<string?> DisplayNameAsync(string kind, ChatUserId user, CancellationToken cancellationToken)
    {
        if (!byKind.TryGetValue(kind, out var directory))
        {
            return null;
        }

        try
        {
            return await directory.DisplayNameAsync(user, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Unavailable(logger, user.Key, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>The group's members, cached; throws when the directory cannot answer.</summary>
    public Task<IReadOnlyList<DirectoryMember>> MembersAsync(DirectoryGroup group, CancellationToken cancellationToken) =>
        byKind.TryGetValue(group.Kind, out var directory)
            ? CachedAsync(groups, group.Key, ct => directory.MembersAsync(group, ct), cancellationToken)
            : throw new InvalidOperationException($"No {group.Kind} directory is configured.");

    /// <summary>
    /// Forgets every cached group of <paramref name="kind"/> with <paramref name="id"/> (under any scope), and who was
    /// active, so the next check asks the directory: Slack's subteam events.
    /// </summary>
    public void Refresh(string kind, string id)
    {
        foreach (var key in groups.Keys.Where(k => k.StartsWith(kind + ":", StringComparison.Ordinal) && k.EndsWith("/" + id, StringComparison.Ordinal)))
        {
            groups.TryRemove(key, out _);
        }

        foreach (var key in active.Keys.Where(k => k.StartsWith(kind + "|", StringComparison.Ordinal)))
        {
            active.TryRemove(key, out _);
        }

        Log.Refreshed(logger, $"{kind}:*/{id}");
    }

    private static bool Applies(DirectoryGroup group, ChatUserId user) => group.Kind switch
    {
        DirectoryGroup.SlackUserGroup => user.Platform == ChatPlatform.Slack
            && (string.Equals(group.Scope, user.Tenant, StringComparison.Ordinal) || string.Equals(group.Scope, user.Workspace, StringComparison.Ordinal)),
        DirectoryGroup.EntraGroup => user.Platform == ChatPlatform.Teams && string.Equals(group.Scope, user.Tenant, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private async Task<T> CachedAsync<T>(
        ConcurrentDictionary<string, Cached<T>> cache, string key, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Value;
        }

        var value = await fetch(cancellationToken);
        cache[key] = new Cached<T>(value, time.GetUtcNow() + options.CurrentValue.CacheFor);
        return value;
    }

    private sealed record Cached<T>(T Value, DateTimeOffset Until);

    private static partial class Log
    {
        [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "Directory group {Group} could not be read ({Error}); refusing until it can")]
        public static partial void Unavailable(ILogger logger, string group, string error);

        [LoggerMessage(EventId = 521, Level = LogLevel.Information, Message = "{User} is listed in {Group} but deactivated; refused")]
        public static partial void Deactivated(ILogger logger, string user, string group);

        [LoggerMessage(EventId = 522, Level = LogLevel.Information, Message = "Directory group {Group} refreshed early")]
        public static partial void Refreshed(ILogger logger, string group);
    }
}
