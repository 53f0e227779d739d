namespace ChatOpsSignin.Core.Chat;

/// <summary>Texts every platform says the same way.</summary>
public static class ChatNotices
{
    public const string Busy = "I am too busy to take your request right now. Nothing was recorded; please try again in a minute.";

    /// <summary>The store cannot be reached: the edge answers 503 with this, having acknowledged nothing.</summary>
    public const string Unavailable = "I cannot record requests right now. Nothing was recorded; please try again in a minute.";
}
