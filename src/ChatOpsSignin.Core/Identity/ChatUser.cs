namespace ChatOpsSignin.Core.Identity;

/// <summary>A chat user as seen in one request: the immutable key plus the handle that feeds the AWS session name.</summary>
/// <param name="Handle">User name, UPN or email as the platform reports it. Never used as a key.</param>
public sealed record ChatUser(ChatUserId Id, string Handle);
