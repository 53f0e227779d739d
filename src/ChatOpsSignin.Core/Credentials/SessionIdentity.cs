namespace ChatOpsSignin.Core.Credentials;

/// <summary>The names AWS records for a session, derived from the chat user by <see cref="SessionNames"/>.</summary>
/// <param name="RoleSessionName">AssumeRole* RoleSessionName: <c>[\w+=,.@-]{2,64}</c>.</param>
/// <param name="SourceIdentity">AssumeRole SourceIdentity: same rule, never starts with <c>aws:</c>.</param>
/// <param name="FederatedUserName">GetFederationToken Name: <c>[\w+=,.@-]{2,32}</c>.</param>
public sealed record SessionIdentity(string RoleSessionName, string SourceIdentity, string FederatedUserName);
