using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Tests.Core;

public sealed partial class SessionNamesTests
{
    private static readonly ChatUserId Alice = ChatUserId.Slack("T0123", "U0456");

    public static TheoryData<string, string> Handles => new()
    {
        { "alice", "alice" },
        { "Alice Smith", "Alice.Smith" },
        { "  spaced   out  ", "spaced.out" },
        { "José Müller", "Jose.Muller" },
        { "Łukasz Straße", "Lukasz.Strasse" },
        { "ｆｕｌｌｗｉｄｔｈ", "fullwidth" },
        { "dev🚀ops", "dev.ops" },
        { "🚀🚀", "user" },
        { "", "user" },
        { "李雷", "user" },
        { "a", "a" },
        { "first.last+tag@example.com", "first.last-tag@example.com" },
        { "alice+k3vq7a", "alice-k3vq7a" },
        { "c＋＋", "c--" },
        { "ｆｕｌｌ：ｗｉｄｔｈ（x）", "full.width.x" },
        { "aws:admin", "aws.admin" },
        { "x/y:z\\w", "x.y.z.w" },
        { "under_score=eq,comma-dash", "under_score=eq,comma-dash" },
    };

    [Theory]
    [MemberData(nameof(Handles))]
    public void Handle_Is_Sanitised_To_Aws_Safe_Ascii(string handle, string expected) =>
        Assert.Equal(expected, SessionNames.Sanitise(handle));

    [Theory]
    [MemberData(nameof(Handles))]
    public void Every_Name_Matches_The_Sts_Patterns(string handle, string ignored)
    {
        _ = ignored;
        var names = SessionNames.For(new ChatUser(Alice, handle));

        Assert.Matches(RoleSessionNamePattern(), names.RoleSessionName);
        Assert.Matches(RoleSessionNamePattern(), names.SourceIdentity);
        Assert.Matches(FederatedUserNamePattern(), names.FederatedUserName);
        Assert.False(names.SourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Long_Handles_Are_Truncated_To_64_And_32_Characters()
    {
        var names = SessionNames.For(new ChatUser(Alice, new string('a', 200)));

        Assert.Equal(64, names.RoleSessionName.Length);
        Assert.Equal(32, names.FederatedUserName.Length);
        Assert.StartsWith(new string('a', 57) + "+", names.RoleSessionName, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_Handle_For_Two_Users_Gives_Two_Session_Names()
    {
        var slack = SessionNames.For(new ChatUser(Alice, "alice"));
        var teams = SessionNames.For(new ChatUser(ChatUserId.Teams("tenant", "aad-1"), "alice"));
        var clash = SessionNames.For(new ChatUser(ChatUserId.Slack("T0123", "U0999"), "Alice"));

        Assert.NotEqual(slack.RoleSessionName, teams.RoleSessionName);
        Assert.NotEqual(slack.RoleSessionName[^6..], clash.RoleSessionName[^6..]);
    }

    [Fact]
    public void A_Handle_Cannot_Pass_For_Another_Users_Session_Name()
    {
        var alice = SessionNames.For(new ChatUser(Alice, "alice")).RoleSessionName;
        var mallory = SessionNames.For(new ChatUser(ChatUserId.Slack("T0123", "U0666"), alice)).RoleSessionName;

        Assert.False(mallory.StartsWith(alice, StringComparison.Ordinal), mallory);
        Assert.Equal(1, mallory.Count(c => c == '+'));
    }

    [Fact]
    public void Mapping_Is_Deterministic_And_Keeps_The_Handle_Readable()
    {
        var first = SessionNames.For(new ChatUser(Alice, "alice"));
        var second = SessionNames.For(new ChatUser(Alice, "alice"));

        Assert.Equal(first, second);
        Assert.Matches(@"^alice\+[a-z2-7]{6}$", first.RoleSessionName);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}$")]
    private static partial Regex RoleSessionNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,32}$")]
    private static partial Regex FederatedUserNamePattern();
}
