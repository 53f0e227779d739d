namespace ChatOpsSignin.Teams.Commands;

/// <summary>What a user asked for in a message to the bot.</summary>
internal abstract record TeamsCommand
{
    private TeamsCommand()
    {
    }

    public sealed record Console(string Profile, string? Reason) : TeamsCommand;

    public sealed record Help : TeamsCommand;

    public sealed record Status : TeamsCommand;

    /// <summary>The id is opaque: passed to the core exactly as typed.</summary>
    public sealed record Cancel(string RequestId) : TeamsCommand;

    /// <summary>Not understood; <see cref="Problem"/> says what was wrong.</summary>
    public sealed record Unknown(string Problem) : TeamsCommand;
}
