using ChatOpsSignin.Core.Chat;

namespace ChatOpsSignin.Tests.Core.Chat;

public sealed class CommandGrammarTests
{
    public static TheoryData<string, ChatCommand> Commands => new()
    {
        { string.Empty, new ChatCommand.Help() },
        { "   ", new ChatCommand.Help() },
        { "help", new ChatCommand.Help() },
        { "HELP", new ChatCommand.Help() },
        { "status", new ChatCommand.Status() },
        { " Status ", new ChatCommand.Status() },
        { "cancel req_0123456789abcdef01234567", new ChatCommand.Cancel("req_0123456789abcdef01234567") },
        { "revoke req_0123456789abcdef01234567", new ChatCommand.Revoke("req_0123456789abcdef01234567") },
        { "REVOKE  req_0a", new ChatCommand.Revoke("req_0a") },
        { "prod-readonly", new ChatCommand.Request("prod-readonly", null) },
        { "prod-readonly   ", new ChatCommand.Request("prod-readonly", null) },
        { "prod-readonly INC-42 disk full", new ChatCommand.Request("prod-readonly", "INC-42 disk full") },
        { "dev_admin.eu  why  not", new ChatCommand.Request("dev_admin.eu", "why  not") },
    };

    public static TheoryData<string> Invalid => new()
    {
        "cancel",
        "cancel 42",
        "cancel req_1 extra",
        "revoke",
        "revoke prod-readonly",
        "revoke req_1 req_2",
        "<https://evil.example|prod>",
        "prod/readonly",
        "-prod",
        "prod-readonly " + new string('x', ChatLimits.MaxReasonLength + 1),
        new string('p', 65),
        "prod-readonly " + new string('x', ChatLimits.MaxCommandLength),
    };

    private static readonly CommandSyntax Syntax = new("/aws-console ");

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_Text_Is_Parsed(string text, ChatCommand expected)
    {
        Assert.Equal(expected, CommandGrammar.Parse(text, Syntax));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unreadable_Command_Text_Says_What_To_Type(string text)
    {
        var invalid = Assert.IsType<ChatCommand.Invalid>(CommandGrammar.Parse(text, Syntax));
        Assert.False(string.IsNullOrWhiteSpace(invalid.Problem));
    }
}
