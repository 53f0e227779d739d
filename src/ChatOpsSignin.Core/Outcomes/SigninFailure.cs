namespace ChatOpsSignin.Core.Outcomes;

/// <summary>
/// An expected "no": a stable code for the audit trail, a message the requester can act on,
/// and a message for the admin log. None of them may hold a credential, token or URL.
/// </summary>
public sealed record SigninFailure(string Code, string UserMessage, string AdminMessage)
{
    public static SigninFailure Of(string code, string userMessage) => new(code, userMessage, userMessage);
}
