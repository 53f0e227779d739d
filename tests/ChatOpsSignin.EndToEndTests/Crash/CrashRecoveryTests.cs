using System.Net;
using System.Text.Json;

namespace ChatOpsSignin.EndToEndTests.Crash;

/// <summary>
/// The bot is SIGKILLed while it waits on each step of a request and of an approval, then started again on the same
/// store: the request still ends with exactly one link in chat, one approval prompt, and one removal.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private CrashRig rig = null!;

    public async Task InitializeAsync() => rig = await CrashRig.StartAsync();

    public async Task DisposeAsync() => await rig.DisposeAsync();

    [Theory]
    [InlineData("users.info", false)]
    [InlineData("conversations.open", false)]
    [InlineData("chat.postMessage", false)]
    [InlineData("chat.postMessage", true)]
    public async Task Killed_While_A_Request_Waits_On_Slack_Ends_With_Exactly_One_Link(string method, bool afterServing)
    {
        rig.Slack.HangNext(method, afterServing);

        using var ack = await rig.CommandAsync("dev why not");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await rig.WaitForHangAsync();
        await rig.KillAndRestartAsync();

        // A post that landed is found in the DM's history instead of being posted again.
        await rig.WaitUntilAsync(
            () => rig.LinkMessages().Count > 0 && (!afterServing || rig.Slack.CallCount("conversations.history") > 0), "the link after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(rig.LinkMessages());
    }

    [Fact]
    public async Task Killed_While_Getting_Credentials_Ends_With_Exactly_One_Link()
    {
        rig.Aws.HangNext("AssumeRole");

        using var ack = await rig.CommandAsync("dev");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await rig.WaitUntilAsync(() => rig.Aws.Calls("AssumeRole") == 1, "the hanging AssumeRole");
        await rig.KillAndRestartAsync();

        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "the link after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(rig.LinkMessages());
        Assert.Equal(2, rig.Aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Killed_While_Posting_The_Prompt_And_Again_While_Issuing_Gives_One_Prompt_And_One_Link()
    {
        rig.Slack.HangNext("chat.postMessage");

        using var ack = await rig.CommandAsync("prod change window");
        var requestId = RequestIdIn(await ack.Content.ReadAsStringAsync());
        await rig.WaitForHangAsync();
        await rig.KillAndRestartAsync();
        await rig.WaitUntilAsync(() => rig.Prompts().Count > 0, "the prompt after the restart");

        rig.Aws.HangNext("AssumeRole");
        using var click = await rig.ClickAsync(CrashRig.Lead, "approve", requestId);
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        await rig.WaitUntilAsync(() => rig.Aws.Calls("AssumeRole") == 1, "the hanging AssumeRole after the approval");
        await rig.KillAndRestartAsync();

        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "the link after the second restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(rig.Prompts());
        Assert.Single(rig.LinkMessages());
        Assert.DoesNotContain("\"action_id\":\"approve\"", rig.Prompts()[0].BlocksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_While_Removing_The_Link_Removes_It_Once_After_The_Restart()
    {
        using var ack = await rig.CommandAsync("dev");
        await rig.WaitUntilAsync(() => rig.LinkMessages().Count > 0, "the link");
        var link = Assert.Single(rig.LinkMessages());

        // The next bot wakes up 16 minutes later: the link is due for removal; that edit hangs, and the bot is killed.
        rig.Slack.HangNext("chat.update");
        await rig.KillAndRestartAsync(clockOffset: TimeSpan.FromMinutes(16));
        await rig.WaitForHangAsync();
        await rig.KillAndRestartAsync(clockOffset: TimeSpan.FromMinutes(17));

        await rig.WaitUntilAsync(() => link.Updates > 0, "the removal after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, link.Updates);
        Assert.DoesNotContain("SigninToken=", link.BlocksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Link_Whose_Post_Answer_Was_Lost_Is_Found_And_Removed()
    {
        rig.Slack.HangNext("chat.postMessage", afterServing: true);

        using var ack = await rig.CommandAsync("dev");
        await rig.WaitForHangAsync();
        await rig.KillAndRestartAsync();
        await rig.WaitUntilAsync(() => rig.Slack.CallCount("conversations.history") > 0, "the history lookup after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var link = Assert.Single(rig.LinkMessages());

        await rig.KillAndRestartAsync(clockOffset: TimeSpan.FromMinutes(16));

        await rig.WaitUntilAsync(() => link.Updates > 0, "the removal of the found copy");
        Assert.DoesNotContain("SigninToken=", link.BlocksJson, StringComparison.Ordinal);
    }

    private static string RequestIdIn(string ackJson)
    {
        using var ack = JsonDocument.Parse(ackJson);
        var text = ack.RootElement.GetProperty("text").GetString()!;
        var start = text.IndexOf("req_", StringComparison.Ordinal);
        return text[start..text.IndexOf('`', start)];
    }
}
