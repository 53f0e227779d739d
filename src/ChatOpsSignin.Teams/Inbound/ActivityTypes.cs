namespace ChatOpsSignin.Teams.Inbound;

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
