using ChatOpsSignin.Core.Chat;

namespace ChatOpsSignin.Tests.Core.Chat;

/// <summary><c>break-glass &lt;profile&gt; &lt;reason…&gt;</c>: the reason is read here and required by the core.</summary>
public sealed class BreakGlassGrammarTests
{
    private static readonly CommandSyntax Syntax = new("/aws-console ");

    public static TheoryData<string, ChatCommand> Commands => new()
    {
        { "break-glass prod-admin INC-7 database down", new ChatCommand.BreakGlass("prod-admin", "INC-7 database down") },
        { "BREAK-GLASS  prod-admin   INC-7  ", new ChatCommand.BreakGlass("prod-admin", "INC-7") },
        { "break-glass prod-admin", new ChatCommand.BreakGlass("prod-admin", null) },
    };

    public static TheoryData<string> Invalid => new()
    {
        "break-glass",
        "break-glass   ",
        "break-glass prod/admin INC-7",
        "break-glass help INC-7",
        "break-glass prod-admin " + new string('x', ChatLimits.MaxReasonLength + 1),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Break_Glass_Is_Parsed(string text, ChatCommand expected) =>
        Assert.Equal(expected, CommandGrammar.Parse(text, Syntax));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unreadable_Break_Glass_Says_What_To_Type(string text)
    {
        var invalid = Assert.IsType<ChatCommand.Invalid>(CommandGrammar.Parse(text, Syntax));
        Assert.False(string.IsNullOrWhiteSpace(invalid.Problem));
    }

    [Fact]
    public void Break_Glass_Is_Still_A_Reserved_Word() =>
        Assert.Contains("break-glass", CommandGrammar.ReservedWords);
}
