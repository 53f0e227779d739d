namespace ChatOpsSignin.StandIns.Teams;

/// <summary>A user the connector stand-in knows: <see cref="Installed"/> means the app is installed for them (1:1 allowed).</summary>
public sealed record ConnectorMember(string Id, string Name, string AadObjectId, string? UserPrincipalName, string? Email, bool Installed = true);
