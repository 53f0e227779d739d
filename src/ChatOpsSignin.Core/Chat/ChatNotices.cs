namespace ChatOpsSignin.Core.Chat;

/// <summary>Texts every platform says the same way.</summary>
public static class ChatNotices
{
    public const string TooMany = "You have sent me many requests in a short time, so I am not taking more from you for now. Please try again later.";

    /// <summary>What an edge answers a submission that was not accepted.</summary>
    public static string For(ChatOpsSignin.Core.Requests.SubmitResult result) =>
        result == ChatOpsSignin.Core.Requests.SubmitResult.TooMany ? TooMany : Busy;

    public const string Busy = "I am too busy to take your request right now. Nothing was recorded; please try again in a minute.";

    /// <summary>The store cannot be reached: the edge answers 503 with this, having acknowledged nothing.</summary>
    public const string Unavailable = "I cannot record requests right now. Nothing was recorded; please try again in a minute.";
}
