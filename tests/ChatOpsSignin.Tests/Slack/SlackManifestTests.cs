using System.Reflection;
using ChatOpsSignin.Slack;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The committed manifests match the routes and scopes the Slack room needs.</summary>
public sealed class SlackManifestTests
{
    [Theory]
    [InlineData("manifest.yaml")]
    [InlineData("manifest.socket-mode.yaml")]
    public void Manifest_Declares_The_Command_And_The_Scopes(string file)
    {
        var text = Manifest(file);

        Assert.Contains("command: /aws-console", text, StringComparison.Ordinal);
        foreach (var scope in new[] { "- commands", "- chat:write", "- im:write", "- im:history", "- users:read", "- usergroups:read", "- subteam_members_changed", "- subteam_updated" })
        {
            Assert.Contains(scope, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Http_Manifest_Points_At_The_Mapped_Routes()
    {
        var text = Manifest("manifest.yaml");

        Assert.Contains(SlackRoom.CommandsPath, text, StringComparison.Ordinal);
        Assert.Contains(SlackRoom.InteractivityPath, text, StringComparison.Ordinal);
        Assert.Contains(SlackRoom.EventsPath, text, StringComparison.Ordinal);
        Assert.Contains("socket_mode_enabled: false", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Socket_Mode_Manifest_Has_No_Request_Urls()
    {
        var text = Manifest("manifest.socket-mode.yaml");

        Assert.Contains("socket_mode_enabled: true", text, StringComparison.Ordinal);
        Assert.DoesNotContain("url:", text, StringComparison.Ordinal);
    }

    private static string Manifest(string file)
    {
        var root = typeof(SlackManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        return File.ReadAllText(Path.Combine(root, "manifests", "slack", file));
    }
}
