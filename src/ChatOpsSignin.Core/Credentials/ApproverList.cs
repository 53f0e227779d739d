namespace ChatOpsSignin.Core.Credentials;

/// <summary>
/// The <c>chat-approvers</c> session tag value: the approvers' user keys in approval order, separated by one space (user
/// keys never hold one, and a space is in STS's tag value set <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c>). A value is at most
/// 256 characters: when the keys do not fit, as many whole keys as fit are kept and the value ends in <c>+N</c>, the
/// number left out (the audit trail always has them all). Characters outside the set (none in today's key formats)
/// become <c>_</c>.
/// </summary>
public static class ApproverList
{
    public const int MaxLength = 256;

    public static string Encode(IEnumerable<string> keys)
    {
        var all = keys.Select(Clean).ToList();
        var joined = string.Join(' ', all);
        if (joined.Length <= MaxLength)
        {
            return joined;
        }

        for (var kept = all.Count - 1; kept >= 0; kept--)
        {
            var value = string.Join(' ', all.Take(kept).Append($"+{all.Count - kept}"));
            if (value.Length <= MaxLength)
            {
                return value;
            }
        }

        return $"+{all.Count}";
    }

    private static string Clean(string key) => new([.. key.Select(c => char.IsLetterOrDigit(c) || "_.:/=+-@".Contains(c) ? c : '_')]);
}
