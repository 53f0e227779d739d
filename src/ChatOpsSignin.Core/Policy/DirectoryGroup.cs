namespace ChatOpsSignin.Core.Policy;

/// <summary>A group kept in a platform's directory: <c>slack-usergroup:T…/S…</c> or <c>entra-group:&lt;tenant&gt;/&lt;object id&gt;</c>.</summary>
/// <param name="Kind"><see cref="SlackUserGroup"/> or <see cref="EntraGroup"/>.</param>
/// <param name="Scope">The Slack team (or Grid enterprise) id, or the Entra tenant id.</param>
/// <param name="Id">The user group id (<c>S…</c>) or the group's object id: immutable ids only, never a handle or name.</param>
public sealed record DirectoryGroup(string Kind, string Scope, string Id)
{
    public const string SlackUserGroup = "slack-usergroup";
    public const string EntraGroup = "entra-group";

    public string Key => $"{Kind}:{Scope}/{Id}";

    public override string ToString() => Key;

    public static DirectoryGroup? TryParse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || text[..colon] is not (SlackUserGroup or EntraGroup))
        {
            return null;
        }

        var rest = text[(colon + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1 || rest.IndexOf('/', slash + 1) >= 0 || rest.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        return new DirectoryGroup(text[..colon], rest[..slash], rest[(slash + 1)..]);
    }
}
