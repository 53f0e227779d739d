using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Slack.WebApi;

namespace ChatOpsSignin.Slack.Directory;

/// <summary>
/// Slack user groups for <c>slack-usergroup:&lt;team&gt;/&lt;usergroup id&gt;</c> entries (scope <c>usergroups:read</c>).
/// A member is active unless <c>users.info</c> says <c>deleted</c> (scope <c>users:read</c>). Errors propagate: the
/// core's <see cref="DirectoryLookup"/> fails closed on them.
/// </summary>
internal sealed class SlackDirectory(SlackApiClient api) : IDirectory
{
    public string Kind => DirectoryGroup.SlackUserGroup;

    public async Task<IReadOnlyList<DirectoryMember>> MembersAsync(DirectoryGroup group, CancellationToken cancellationToken)
    {
        var ids = await api.UserGroupMembersAsync(group.Scope, group.Id, cancellationToken);
        return ids.Select(id => new DirectoryMember(id, null)).ToList();
    }

    public async Task<string?> DisplayNameAsync(ChatUserId user, CancellationToken cancellationToken) =>
        (await api.GetUserStatusAsync(user.User, cancellationToken)).DisplayName;

    public async Task<bool> IsActiveAsync(ChatUserId user, CancellationToken cancellationToken) =>
        !(await api.GetUserStatusAsync(user.User, cancellationToken)).Deleted;
}
