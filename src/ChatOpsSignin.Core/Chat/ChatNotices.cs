namespace ChatOpsSignin.Core.Chat;

/// <summary>Texts every platform says the same way.</summary>
public static class ChatNotices
{
    public const string Busy = "I am too busy to take your request right now. Nothing was recorded; please try again in a minute.";
}
