namespace ChatOpsSignin.Core.Links;

/// <summary>A console sign-in URL. A bearer secret for 15 minutes: <see cref="ToString"/> never shows it.</summary>
/// <param name="ExpiresAt">When the URL itself stops working (15 minutes after getSigninToken).</param>
/// <param name="ConsoleSessionEndsAt">When the console session it opens will end, at the latest.</param>
public sealed record ConsoleLink(Uri Url, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset ConsoleSessionEndsAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public override string ToString() => $"ConsoleLink(expires {ExpiresAt:O}, url redacted)";
}
