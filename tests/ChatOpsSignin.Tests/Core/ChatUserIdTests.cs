using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Tests.Core;

public sealed class ChatUserIdTests
{
    [Theory]
    [InlineData("slack:T0123/U0456", ChatPlatform.Slack, "T0123", "U0456")]
    [InlineData("teams:72f988bf-86f1/7faf77a9-aa", ChatPlatform.Teams, "72f988bf-86f1", "7faf77a9-aa")]
    [InlineData("teams:playground-tenant/user-id-0/with-slash", ChatPlatform.Teams, "playground-tenant", "user-id-0/with-slash")]
    public void Keys_Round_Trip(string key, ChatPlatform platform, string tenant, string user)
    {
        var id = ChatUserId.Parse(key);

        Assert.Equal(new ChatUserId(platform, tenant, user), id);
        Assert.Equal(key, id.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("U0456")]
    [InlineData("slack:T0123")]
    [InlineData("slack:/U0456")]
    [InlineData("slack:T0123/")]
    [InlineData("discord:T1/U2")]
    [InlineData("roadrunner")]
    public void Malformed_Keys_Are_Rejected(string key) => Assert.False(ChatUserId.TryParse(key, out _));
}
