namespace ChatOpsSignin.Slack.SocketMode;

/// <summary>Exponential backoff with "equal jitter" (half fixed, half random), so many bots do not reconnect in step.</summary>
public static class ReconnectBackoff
{
    public static TimeSpan Delay(int failures, TimeSpan min, TimeSpan max, double random)
    {
        var exponential = min * Math.Pow(2, Math.Clamp(failures, 0, 20));
        var capped = exponential > max ? max : exponential;
        return (capped / 2) + (capped / 2 * Math.Clamp(random, 0, 1));
    }
}
