using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Policy;

/// <summary>
/// Port: a platform's directory (Slack user groups, Entra ID groups), implemented by the Slack and Teams rooms.
/// Answers are cached by <see cref="DirectoryLookup"/>; an implementation fetches every page and honours the
/// platform's rate-limit rules. Anything but a full answer is an exception: the lookup then fails closed.
/// </summary>
public interface IDirectory
{
    /// <summary><see cref="DirectoryGroup.SlackUserGroup"/> or <see cref="DirectoryGroup.EntraGroup"/>.</summary>
    string Kind { get; }

    /// <summary>Every member of <paramref name="group"/> (transitively where the platform nests), without deactivated accounts where the platform says so.</summary>
    Task<IReadOnlyList<DirectoryMember>> MembersAsync(DirectoryGroup group, CancellationToken cancellationToken);

    /// <summary>False when the account is deactivated or deleted (Slack <c>users.info</c> <c>deleted</c>).</summary>
    Task<bool> IsActiveAsync(ChatUserId user, CancellationToken cancellationToken);

    /// <summary>A display name for <c>check</c>, when the directory lists members by id only (Slack). Never a key.</summary>
    Task<string?> DisplayNameAsync(ChatUserId user, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>One member of a directory group: the platform's immutable user id and, for <c>check</c>, a display name.</summary>
public sealed record DirectoryMember(string UserId, string? DisplayName, bool Active = true);
