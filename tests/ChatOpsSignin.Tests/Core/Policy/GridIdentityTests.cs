using System.Text.Json;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Interactivity;

namespace ChatOpsSignin.Tests.Core.Policy;

public sealed class GridIdentityTests
{
    [Fact]
    public void Slash_Command_With_Enterprise_Id_Is_Keyed_By_Enterprise_And_User()
    {
        var command = SlashCommand.FromForm(new Dictionary<string, string>
        {
            ["team_id"] = "T2", ["user_id"] = "U9", ["enterprise_id"] = "E1", ["text"] = "prod",
        })!;

        Assert.Equal("slack:E1/U9", command.User.StableKey);
        Assert.Equal("T2", command.User.Workspace);
        Assert.Equal(ChatUserId.Slack("T1", "U9", "E1"), command.User);
        Assert.NotEqual(ChatUserId.Slack("T1", "U9"), ChatUserId.Slack("T2", "U9"));
    }

    [Fact]
    public void Block_Action_With_Enterprise_Is_Keyed_By_Enterprise_And_User_Team()
    {
        using var payload = JsonDocument.Parse("""
            {"type":"block_actions","enterprise":{"id":"E1","name":"Acme"},"team":{"id":"T1"},
             "user":{"id":"U9","team_id":"T2","username":"lead"},"actions":[{"action_id":"approve","value":"r1"}]}
            """);

        var action = BlockAction.Parse(payload.RootElement)!;

        Assert.Equal("slack:E1/U9/T2", action.Clicker.Id.Key);
        Assert.Equal("slack:T2/U9", action.Clicker.Id.WorkspaceKey);
    }

    [Fact]
    public void Block_Action_Outside_A_Grid_Keeps_The_Team_Key()
    {
        using var payload = JsonDocument.Parse("""
            {"type":"block_actions","enterprise":null,"team":{"id":"T1"},
             "user":{"id":"U9","team_id":"T1"},"actions":[{"action_id":"approve","value":"r1"}]}
            """);

        Assert.Equal("slack:T1/U9", BlockAction.Parse(payload.RootElement)!.Clicker.Id.Key);
    }

    [Theory]
    [InlineData("slack:E1/U9/T2")]
    [InlineData("slack:T1/U9")]
    public void Grid_Keys_Round_Trip_Through_The_Stores_Form(string key)
    {
        var id = ChatUserId.Parse(key);

        Assert.Equal(key, id.Key);
        Assert.Equal(id.Workspace, ChatUserId.Parse(id.Key).Workspace);
    }
}
