using ChatOpsSignin.Slack.Commands;

namespace ChatOpsSignin.Tests.Slack;

public sealed class CommandParserTests
{
    public static TheoryData<string, SlackCommand> Commands => new()
    {
        { string.Empty, new SlackCommand.Help() },
        { "   ", new SlackCommand.Help() },
        { "help", new SlackCommand.Help() },
        { "HELP", new SlackCommand.Help() },
        { "status", new SlackCommand.Status() },
        { " Status ", new SlackCommand.Status() },
        { "cancel req_0123456789abcdef01234567", new SlackCommand.Cancel("req_0123456789abcdef01234567") },
        { "prod-readonly", new SlackCommand.Request("prod-readonly", null) },
        { "prod-readonly   ", new SlackCommand.Request("prod-readonly", null) },
        { "prod-readonly INC-42 disk full", new SlackCommand.Request("prod-readonly", "INC-42 disk full") },
        { "dev_admin.eu  why  not", new SlackCommand.Request("dev_admin.eu", "why  not") },
        { "prod-readonly fix &lt;b&gt; &amp; co", new SlackCommand.Request("prod-readonly", "fix <b> & co") },
    };

    public static TheoryData<string> Invalid => new()
    {
        "cancel",
        "cancel 42",
        "cancel req_1 extra",
        "<https://evil.example|prod>",
        "prod/readonly",
        "-prod",
        "prod-readonly " + new string('x', CommandParser.MaxReasonLength + 1),
        new string('p', 65),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_Text_Is_Parsed(string text, SlackCommand expected)
    {
        Assert.Equal(expected, CommandParser.Parse(text));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unreadable_Command_Text_Says_What_To_Type(string text)
    {
        var invalid = Assert.IsType<SlackCommand.Invalid>(CommandParser.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(invalid.Problem));
    }
}
