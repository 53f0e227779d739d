using System.Net;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Identity;

/// <summary>A Teams user as a card or message can name them: the id a mention carries and the display name.</summary>
internal sealed record TeamsPerson(ChatUser User, string MentionId, string Name);

/// <summary>
/// Names the approvers of a prompt (and whom a request waits for) by a member lookup in the conversation, which takes the
/// Entra object id as the member id. A member the connector does not know (404: left the tenant or the team) is skipped,
/// so nobody gone is pinged and a request never fails for it; a lookup that fails otherwise keeps the user under their
/// object id. Users of other platforms are left out: a Teams card cannot mention them.
/// See https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-single-member-profile.
/// </summary>
internal sealed partial class ApproverLookup(
    BotConnectorClient connector, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ApproverLookup> logger)
{
    public async Task<IReadOnlyList<TeamsPerson>> ActiveAsync(
        IEnumerable<ChatUser> users, string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var active = new List<TeamsPerson>();
        foreach (var user in users.Where(u => u.Id.Platform == ChatPlatform.Teams))
        {
            if (await LookUpAsync(user, serviceUrl, conversationId, cancellationToken) is { } person)
            {
                active.Add(person);
            }
        }

        return active;
    }

    /// <summary>For <c>status</c>: each user key as a display name where the conversation knows it, else the key itself (never a ping).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(IEnumerable<string> keys, string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var key in keys)
        {
            var person = ChatUserId.TryParse(key, out var id) && id.Value.Platform == ChatPlatform.Teams
                ? await LookUpAsync(new ChatUser(id.Value, string.Empty), serviceUrl, conversationId, cancellationToken)
                : null;
            names.Add(person is null || person.Name == person.User.Id.User ? key : person.Name);
        }

        return names;
    }

    private async Task<TeamsPerson?> LookUpAsync(ChatUser user, string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var fallback = new TeamsPerson(user, user.Id.User, string.IsNullOrWhiteSpace(user.Handle) ? user.Id.User : user.Handle);
        using var bounded = new CancellationTokenSource(options.Value.MemberLookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, cancellationToken);
        try
        {
            var member = await connector.GetMemberAsync(serviceUrl, conversationId, user.Id.User, linked.Token);
            return member is { Id: { Length: > 0 } id }
                ? new TeamsPerson(user, id, string.IsNullOrWhiteSpace(member.Name) ? fallback.Name : member.Name)
                : fallback;
        }
        catch (ConnectorException e) when (e.Status == HttpStatusCode.NotFound)
        {
            Log.Skipped(logger, user.Id.Key, e.Code);
            return null;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or System.Text.Json.JsonException
            || (e is OperationCanceledException && bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            Log.Unchecked(logger, user.Id.Key);
            return fallback;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Approver {User} is not named or pinged: the connector does not know them ({Code})")]
        public static partial void Skipped(ILogger logger, string user, string? code);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Member lookup for approver {User} failed; named by object id")]
        public static partial void Unchecked(ILogger logger, string user);
    }
}
