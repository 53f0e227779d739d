using ChatOpsSignin.Core.Credentials;

namespace ChatOpsSignin.Core.Links;

/// <summary>The result of a granted request: the credentials' facts and the link made from them.</summary>
public sealed record ConsoleAccess(IssuedCredentials Credentials, ConsoleLink Link);
