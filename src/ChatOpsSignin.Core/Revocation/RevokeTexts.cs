using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Revocation;

/// <summary>The words of revoke, the same on every platform. Honest about what IAM and each sign-in method allow.</summary>
public static class RevokeTexts
{
    public const string PropagationNote = "IAM can take a few minutes to take effect everywhere.";

    public static string Unknown(RequestId id) =>
        $"There is no issued sign-in with id {id.Value}. The id is in the link message and in status.";

    public static string AlreadyRevoked(RequestId id) => $"Request {id.Value} is already revoked.";

    public static string Busy => "I am busy right now; nothing was revoked. Please try again in a minute.";

    /// <summary>The reply to whoever revoked.</summary>
    public static string Recorded(SessionRevocation revocation) => (revocation.Method, revocation.Session) switch
    {
        (_, null) => $"Revoked: the sign-in link of {revocation.Requester.Handle} for '{revocation.Profile}' ({revocation.RequestId.Value}) "
            + "was not opened yet, so it is cancelled and no console session exists.",
        (SigninMethod.FederationToken, { } session) => FederationLimit(revocation, session),
        (_, { } session) => $"Revoking the console session of {revocation.Requester.Handle} for '{revocation.Profile}' ({revocation.RequestId.Value}): "
            + $"a Deny for that session only goes on {RoleName(session.RoleArn)}. {PropagationNote} I will tell {revocation.Requester.Handle}.",
    };

    /// <summary>The notice to the requester.</summary>
    public static string ToRequester(SessionRevocation revocation) => revocation.Session is null
        ? $"{revocation.By.Handle} revoked your sign-in for '{revocation.Profile}' ({revocation.RequestId.Value}): the link is cancelled."
        : revocation.Method == SigninMethod.FederationToken
            ? $"{revocation.By.Handle} revoked your sign-in for '{revocation.Profile}' ({revocation.RequestId.Value}). "
              + "Its console session cannot be ended by the bot; please sign out of the console now."
            : $"{revocation.By.Handle} revoked your console session for '{revocation.Profile}' ({revocation.RequestId.Value}). {PropagationNote} "
              + "Ask again for a new link if you still need access.";

    public static string PolicyFull(SessionRevocation revocation, string roleArn) =>
        $"The revoke of {revocation.RequestId.Value} failed: the inline policies of {RoleName(roleArn)} are at IAM's 10,240-character limit, "
        + "so no Deny could be added. The session is NOT ended. An admin can end every session of the role (IAM console: Revoke active sessions).";

    public static string IamRefused(SessionRevocation revocation, string roleArn, string? code) =>
        $"The revoke of {revocation.RequestId.Value} failed: IAM refused to change {RoleName(roleArn)} ({code}). The session is NOT ended; "
        + "check the bot's iam:PutRolePolicy permission on that role (see check).";

    private static string FederationLimit(SessionRevocation revocation, IssuedSession session) =>
        $"Recorded, but a FederationToken session cannot be ended by the bot: a Deny would go on the broker IAM user and end every "
        + $"session of every user. The console session of {revocation.Requester.Handle} for '{revocation.Profile}' lasts until "
        + $"{session.IssuedAt + session.Duration:u} at the latest. Any unused link of {revocation.RequestId.Value} is cancelled.";

    private static string RoleName(string roleArn) => "role " + roleArn.Split('/')[^1];
}
