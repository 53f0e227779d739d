using System.Text.Json;
using ChatOpsSignin.Aws.Iam;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>The revocation policy document: one statement per revoked request, merged, pruned and sized as IAM counts it.</summary>
public sealed class RevokedSessionsPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, 400, TimeSpan.Zero);

    [Fact]
    public void A_Statement_Denies_Everything_To_That_Session_Up_To_The_Revoke_Second()
    {
        var document = RevokedSessionsPolicy.With(null, new RevokedSession("req_0a1b", "jane+abc123", "jane+abc123", Now, Now.AddHours(1)));

        var statement = JsonDocument.Parse(document).RootElement.GetProperty("Statement")[0];
        Assert.Equal("ChatOpsRevoke0a1bUntil" + Now.AddHours(1).ToUnixTimeSeconds(), statement.GetProperty("Sid").GetString());
        Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
        Assert.Equal("*", statement.GetProperty("Action").GetString());
        Assert.Equal("*", statement.GetProperty("Resource").GetString());
        Assert.Equal("jane+abc123", statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceIdentity").GetString());
        Assert.Equal("2026-12-01T12:00:01Z", statement.GetProperty("Condition").GetProperty("DateLessThanEquals").GetProperty("aws:TokenIssueTime").GetString());
    }

    [Fact]
    public void Without_SourceIdentity_The_Session_Name_Is_Matched_In_The_User_Id()
    {
        var document = RevokedSessionsPolicy.With(null, new RevokedSession("req_01", "bob+def456", null, Now, Now.AddHours(1)));

        Assert.Contains("\"StringLike\":{\"aws:userid\":\"*:bob+def456\"}", document, StringComparison.Ordinal);
        Assert.DoesNotContain("SourceIdentity", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_Merge_By_Request_And_Ended_Sessions_Are_Pruned()
    {
        var two = RevokedSessionsPolicy.With(
            RevokedSessionsPolicy.With(null, new RevokedSession("req_01", "a+1", "a+1", Now, Now.AddHours(1))),
            new RevokedSession("req_02", "b+2", "b+2", Now, Now.AddHours(3)));
        var again = RevokedSessionsPolicy.With(two, new RevokedSession("req_02", "b+2", "b+2", Now, Now.AddHours(3)));

        Assert.Equal(2, JsonDocument.Parse(again).RootElement.GetProperty("Statement").GetArrayLength());
        Assert.True(RevokedSessionsPolicy.Holds(again, "req_01"));
        var pruned = RevokedSessionsPolicy.Without(again, Now.AddHours(2));
        Assert.False(RevokedSessionsPolicy.Holds(pruned, "req_01"));
        Assert.True(RevokedSessionsPolicy.Holds(pruned, "req_02"));
        Assert.Null(RevokedSessionsPolicy.Without(pruned, "req_02", Now));
    }

    [Fact]
    public void A_Request_Id_Is_Cut_To_What_A_Sid_Allows_And_Ids_That_Share_A_Prefix_Stay_Apart()
    {
        var document = RevokedSessionsPolicy.With(null, new RevokedSession("req_01", "a+1", "a+1", Now, Now.AddHours(1)));

        Assert.Matches("^[A-Za-z0-9]+$", RevokedSessionsPolicy.Sid("weird-id_with.dots", Now));
        Assert.False(RevokedSessionsPolicy.Holds(document, "req_011"));
        Assert.False(RevokedSessionsPolicy.Holds(document, "req_0"));
    }

    [Fact]
    public void Size_Counts_Characters_Without_Whitespace_As_Iam_Does()
    {
        Assert.Equal(10, RevokedSessionsPolicy.Size("{ \"a\" :\n\t\"b1\" } "));
    }
}
