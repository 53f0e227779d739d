using ChatOpsSignin.Core.Policy;

namespace ChatOpsSignin.Tests.Core.Policy;

public sealed class UserSetEntryTests
{
    [Theory]
    [InlineData("slack:T1/U2", typeof(UserSetEntry.User))]
    [InlineData("slack:E1/U2", typeof(UserSetEntry.User))]
    [InlineData("teams:tenant-1/oid-1", typeof(UserSetEntry.User))]
    [InlineData("slack:T1/*", typeof(UserSetEntry.Everybody))]
    [InlineData("teams:tenant-1/*", typeof(UserSetEntry.Everybody))]
    [InlineData("slack-usergroup:T1/S123", typeof(UserSetEntry.Directory))]
    [InlineData("entra-group:tenant-1/6f1c0d1e-aaaa-bbbb-cccc-000000000001", typeof(UserSetEntry.Directory))]
    [InlineData("group:sre", typeof(UserSetEntry.Named))]
    public void Every_Documented_Entry_Kind_Parses(string entry, Type kind) => Assert.IsType(kind, UserSetEntry.Parse(entry));

    [Theory]
    [InlineData("@sre")]
    [InlineData("slack-usergroup:T1/")]
    [InlineData("slack-usergroup:T1/S1/extra")]
    [InlineData("entra-group:tenant-1/*")]
    [InlineData("slack:E1/U2/T3")]
    [InlineData("cli:local/me")]
    [InlineData("group:")]
    public void Names_And_Malformed_Entries_Are_Refused(string entry) => Assert.Null(UserSetEntry.Parse(entry));
}
