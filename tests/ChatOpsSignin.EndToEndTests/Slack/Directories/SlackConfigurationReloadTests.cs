using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.StandIns.Slack;
using static ChatOpsSignin.EndToEndTests.Slack.Directories.SlackRig;

namespace ChatOpsSignin.EndToEndTests.Slack.Directories;

/// <summary>
/// Reload without restart on the running bot: its configuration file is edited; a valid change (a new profile for a user
/// group) is applied, a broken one is refused and audited and the running configuration keeps working.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlackConfigurationReloadTests : IAsyncLifetime
{
    private const string Sre = "S0SRE";
    private const string Alice = "U0ALICE";
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-reload-").FullName;
    private SlackRig rig = null!;

    private string ConfigFile => Path.Combine(folder, "profiles.json");

    public async Task InitializeAsync()
    {
        Write(Profile("sre"));
        rig = await StartAsync(new Dictionary<string, string> { [Alice] = "alice" }, new Dictionary<string, string?>(), slack => slack.SetUserGroup(Sre, Alice), ConfigFile);
    }

    public async Task DisposeAsync()
    {
        await rig.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_Profile_Added_To_The_File_Works_Without_A_Restart()
    {
        Assert.Contains("unknown_profile", await rig.AnswerAsync(await rig.CommandAsync(Alice, "staging"), IsRefusal), StringComparison.Ordinal);

        Write(Profile("sre", "staging"));
        await rig.Bot.WaitForAuditAsync(AuditEventType.ConfigurationApplied, Wait);
        await rig.CommandAsync(Alice, "staging");

        await rig.WaitForLinksAsync(Alice, 1);
    }

    [Fact]
    public async Task A_Broken_Change_Is_Refused_And_The_Running_Configuration_Keeps_Working()
    {
        var broken = Profile("sre");
        broken["Profiles"]!["sre"]!["Allow"] = new JsonArray("alice");
        Write(broken);

        var refused = await rig.Bot.WaitForAuditAsync(AuditEventType.ConfigurationRefused, Wait);
        await rig.CommandAsync(Alice, "sre");

        Assert.Contains("Profiles:sre:Allow:0", refused.Reason, StringComparison.Ordinal);
        await rig.WaitForLinksAsync(Alice, 1);
    }

    private static JsonObject Profile(params string[] names)
    {
        var profiles = new JsonObject();
        foreach (var name in names)
        {
            profiles[name] = new JsonObject
            {
                ["RoleArn"] = AdminRole,
                ["Allow"] = new JsonArray($"slack-usergroup:{SlackStandIn.TeamId}/{Sre}"),
            };
        }

        return new JsonObject { ["Profiles"] = profiles };
    }

    private void Write(JsonObject configuration)
    {
        var temporary = ConfigFile + ".tmp";
        File.WriteAllText(temporary, configuration.ToJsonString());
        File.Move(temporary, ConfigFile, overwrite: true);
    }

    private static bool IsRefusal(string text) => text.Contains("refused", StringComparison.Ordinal);
}
