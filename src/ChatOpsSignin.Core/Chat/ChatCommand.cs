namespace ChatOpsSignin.Core.Chat;

/// <summary>What a chat message to the bot asks for, the same on every platform.</summary>
public abstract record ChatCommand
{
    private ChatCommand()
    {
    }

    public sealed record Help : ChatCommand;

    public sealed record Status : ChatCommand;

    public sealed record Cancel(string RequestId) : ChatCommand;

    /// <summary>End an issued sign-in (the requester, the profile's approvers, admins).</summary>
    public sealed record Revoke(string RequestId) : ChatCommand;

    /// <summary>A sign-in request; <see cref="Service"/> and <see cref="Region"/> come from <c>-s</c> / <c>-r</c> (deep link).</summary>
    public sealed record Request(string Profile, string? Reason) : ChatCommand
    {
        public string? Service { get; init; }

        public string? Region { get; init; }
    }

    /// <summary><c>break-glass &lt;profile&gt; &lt;reason…&gt;</c>: access at once, reviewed afterwards; the core refuses it without a reason.</summary>
    public sealed record BreakGlass(string Profile, string? Reason) : ChatCommand;

    /// <summary>Text the bot cannot read; <paramref name="Problem"/> says why and what to type instead.</summary>
    public sealed record Invalid(string Problem) : ChatCommand;
}
