namespace ChatOpsSignin.Slack.Commands;

/// <summary>What the text after <c>/aws-console</c> asks for.</summary>
public abstract record SlackCommand
{
    private SlackCommand()
    {
    }

    public sealed record Help : SlackCommand;

    public sealed record Status : SlackCommand;

    public sealed record Cancel(string RequestId) : SlackCommand;

    public sealed record Request(string Profile, string? Reason) : SlackCommand;

    /// <summary>Text the bot cannot read; <paramref name="Problem"/> says why and what to type instead.</summary>
    public sealed record Invalid(string Problem) : SlackCommand;
}
