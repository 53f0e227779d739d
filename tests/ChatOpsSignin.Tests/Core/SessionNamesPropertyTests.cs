using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using CsCheck;

namespace ChatOpsSignin.Tests.Core;

/// <summary>Thousands of generated handles and user keys against the session-name mapper (issue 11, items 11 and 13).</summary>
public sealed partial class SessionNamesPropertyTests
{
    private const int Iterations = 10_000;

    // Any UTF-16 unit (lone surrogates included), with extra weight on what the mapper treats specially.
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (4, Gen.Char),
        (3, Gen.Char[' ', '~']),
        (2, Gen.Char["++++.:/ @=,_-"]),
        (1, Gen.Char['\0', '\u001f']),
        (1, Gen.Char['\u00C0', '\u017F']),
        (1, Gen.Char['\uFF01', '\uFF5E']),
        (1, Gen.Char['\uD800', '\uDFFF']));

    private static readonly Gen<string> Text = AnyChar.Array[0, 120].Select(chars => new string(chars));

    private static readonly Gen<string> Handle = Gen.Frequency(
        (6, Text),
        (1, AnyChar.Array[200, 2000].Select(chars => new string(chars))),
        (1, Text.Select(t => "aws:" + t)),
        (1, Text.Select(t => "ａｗｓ：" + t)),
        (1, Text.Select(t => "alice+k3vq7a+" + t)));

    // Ids are well-formed text (a lone surrogate hashes as U+FFFD, and no platform sends one in an id).
    private static readonly Gen<string> IdText = Gen.Int[1, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF)
        .Select(char.ConvertFromUtf32).Array[1, 40].Select(string.Concat);

    private static readonly Gen<ChatUserId> UserId = Gen.Select(
        Gen.OneOf(Gen.Const(ChatPlatform.Slack), Gen.Const(ChatPlatform.Teams), Gen.Const(ChatPlatform.Cli)),
        IdText,
        IdText,
        (platform, tenant, user) => new ChatUserId(platform, tenant.Replace('/', '_'), user));

    [Fact]
    public void Every_Generated_Handle_Maps_To_Names_Sts_Accepts_Ending_In_The_Users_Fingerprint() =>
        Gen.Select(UserId, Handle).Sample((id, handle) =>
        {
            var names = SessionNames.For(new ChatUser(id, handle));
            var suffix = "+" + Fingerprint(id);

            foreach (var (name, pattern) in new[]
            {
                (names.RoleSessionName, RoleSessionNamePattern()),
                (names.SourceIdentity, RoleSessionNamePattern()),
                (names.FederatedUserName, FederatedUserNamePattern()),
            })
            {
                Assert.Matches(pattern, name);
                Assert.Single(name, c => c == '+');
                Assert.EndsWith(suffix, name, StringComparison.Ordinal);
                Assert.False(name.StartsWith("aws:", StringComparison.OrdinalIgnoreCase), name);
            }
        }, iter: Iterations, threads: 1);

    [Fact]
    public void Two_Different_User_Keys_Never_Share_A_Name_Whatever_Their_Handles() =>
        Gen.Select(UserId, UserId, Handle, Gen.Bool).Sample((first, second, handle, sameHandle) =>
        {
            if (first.Key == second.Key)
            {
                return;
            }

            // Half the time the second user picks a handle built to look like the first user's session name.
            var mine = SessionNames.For(new ChatUser(first, handle));
            var theirs = SessionNames.For(new ChatUser(second, sameHandle ? handle : mine.RoleSessionName));

            Assert.NotEqual(mine.RoleSessionName, theirs.RoleSessionName);
            Assert.NotEqual(mine.FederatedUserName, theirs.FederatedUserName);
        }, iter: Iterations, threads: 1);

    // The documented mapping, computed independently: six base32 characters of SHA-256(user key).
    private static string Fingerprint(ChatUserId id)
    {
        const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id.Key));
        return string.Concat(hash.Take(6).Select(b => Base32[b & 31]));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}$")]
    private static partial Regex RoleSessionNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,32}$")]
    private static partial Regex FederatedUserNamePattern();
}
