using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Teams.Commands;

namespace ChatOpsSignin.Tests.Teams;

public sealed class CommandParserTests
{
    public static TheoryData<string, string, string?> ConsoleCommands => new()
    {
        { "console prod-readonly", "prod-readonly", null },
        { "console prod-readonly deploying the hotfix", "prod-readonly", "deploying the hotfix" },
        { "<at>ChatOpsSignin</at> console prod-readonly", "prod-readonly", null },
        { "<at>Chat Ops Signin</at>&nbsp;console  prod-readonly   why not", "prod-readonly", "why not" },
        { "CONSOLE Prod-ReadOnly", "Prod-ReadOnly", null },
        { "<p><at>ChatOpsSignin</at> console prod</p>", "prod", null },
    };

    [Theory]
    [MemberData(nameof(ConsoleCommands))]
    public void Console_Command_Is_Parsed_After_Stripping_Mentions(string text, string profile, string? reason)
    {
        var command = Assert.IsType<ChatCommand.Request>(TeamsText.Parse(text));

        Assert.Equal(profile, command.Profile);
        Assert.Equal(reason, command.Reason);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("<at>Bot</at> help")]
    [InlineData(" Help ")]
    public void Help_Is_Recognised(string text) => Assert.IsType<ChatCommand.Help>(TeamsText.Parse(text));

    [Fact]
    public void Status_Is_Recognised() => Assert.IsType<ChatCommand.Status>(TeamsText.Parse("<at>Bot</at> status"));

    [Fact]
    public void Cancel_Takes_A_Request_Id() =>
        Assert.Equal("req_0a1b2c", Assert.IsType<ChatCommand.Cancel>(TeamsText.Parse("cancel req_0a1b2c")).RequestId);

    [Theory]
    [InlineData("", "Say what you need")]
    [InlineData("<at>Bot</at>", "Say what you need")]
    [InlineData("console", "Which profile?")]
    [InlineData("cancel", "Usage: `cancel")]
    [InlineData("deploy prod", "I don't know 'deploy'")]
    [InlineData("cancel 19:weird;id@thread", "Usage: `cancel")]
    [InlineData("console prod/readonly", "A profile name is letters")]
    [InlineData("console help", "a profile cannot be called help")]
    public void Unknown_Input_Says_What_Was_Wrong(string text, string expected) =>
        Assert.Contains(expected, Assert.IsType<ChatCommand.Invalid>(TeamsText.Parse(text)).Problem, StringComparison.Ordinal);
}
