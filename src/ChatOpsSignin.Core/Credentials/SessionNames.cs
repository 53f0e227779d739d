using System.Security.Cryptography;
using System.Text;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Credentials;

/// <summary>
/// The one mapping from a chat handle to the names AWS records (RoleSessionName, SourceIdentity, GetFederationToken Name).
/// <list type="number">
/// <item>Latin letters with diacritics and full-width ASCII fold to ASCII (<see cref="LatinFold"/>): "José" → "Jose", "ｆｕｌｌ" → "full".</item>
/// <item>Keep ASCII letters, digits and <c>_ = , . @ -</c>; '+' (also a folded full-width '＋') becomes '-'; whitespace and any other character become '.'; runs of '.' collapse; '.' trimmed at the ends.</item>
/// <item>An empty result becomes "user"; a name starting with "aws:" cannot arise (':' is never kept).</item>
/// <item>Always append '+' and 6 base32 characters of SHA-256(user key), so two users whose handles map alike never share a session name.
/// '+' is the bot's separator alone: a handle "alice+k3vq7a" cannot pass for alice's session ("alice-k3vq7a+…").</item>
/// <item>Truncate the handle part so the whole fits 64 characters (32 for GetFederationToken).</item>
/// </list>
/// AWS pattern: <c>[\w+=,.@-]{2,64}</c>, see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html.
/// </summary>
public static class SessionNames
{
    public const int MaxRoleSessionName = 64;
    public const int MaxFederatedUserName = 32;
    private const int SuffixLength = 7; // '+' and 6 base32 characters
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static SessionIdentity For(ChatUser user)
    {
        var handle = Sanitise(user.Handle);
        var suffix = "+" + Fingerprint(user.Id);
        var roleSessionName = Fit(handle, MaxRoleSessionName) + suffix;
        return new SessionIdentity(roleSessionName, roleSessionName, Fit(handle, MaxFederatedUserName) + suffix);
    }

    /// <summary>The handle part alone (no fingerprint): ASCII, AWS-safe, possibly empty-mapped to "user".</summary>
    public static string Sanitise(string? handle)
    {
        var builder = new StringBuilder();
        foreach (var c in handle ?? string.Empty)
        {
            foreach (var folded in LatinFold.Fold(c) ?? c.ToString())
            {
                var kept = folded == '+' ? '-' : IsAllowed(folded) ? folded : '.';
                if (kept != '.' || (builder.Length > 0 && builder[^1] != '.'))
                {
                    builder.Append(kept);
                }
            }
        }

        var result = builder.ToString().Trim('.');
        return result.Length == 0 ? "user" : result;
    }

    private static string Fit(string handle, int max) => handle.Length + SuffixLength <= max
        ? handle
        : handle[..(max - SuffixLength)].TrimEnd('.');

    private static string Fingerprint(ChatUserId id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id.Key));
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base32[hash[i] & 31];
        }

        return new string(chars);
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '=' or ',' or '@' or '-';
}
