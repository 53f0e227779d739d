using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>Start-up checks of <c>Profiles:{name}:BreakGlass</c>; each message names the key at fault.</summary>
public static class BreakGlassOptionsRules
{
    private static readonly TimeSpan MinRepostAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRepostAfter = TimeSpan.FromDays(1);

    /// <param name="key"><c>Profiles:{name}</c>.</param>
    public static void Check(List<string> errors, string key, ProfileOptions profile)
    {
        if (profile.BreakGlass is not { } breakGlass)
        {
            return;
        }

        if (breakGlass.Allow.Count == 0)
        {
            errors.Add($"{key}:BreakGlass:Allow: is empty, so nobody could break the glass; leave the BreakGlass section out instead.");
        }

        var session = breakGlass.SessionDuration;
        if (session < BreakGlassOptions.MinSessionDuration || session > BreakGlassOptions.MaxSessionDuration)
        {
            errors.Add($"{key}:BreakGlass:SessionDuration: {session} is outside 00:15:00 to 01:00:00 (a break-glass session is short).");
        }
        else if (session > profile.SessionDuration)
        {
            errors.Add($"{key}:BreakGlass:SessionDuration: {session} is longer than the profile's SessionDuration {profile.SessionDuration}.");
        }

        if (breakGlass.RepostAfter < MinRepostAfter || breakGlass.RepostAfter > MaxRepostAfter)
        {
            errors.Add($"{key}:BreakGlass:RepostAfter: {breakGlass.RepostAfter} is outside 00:01:00 to 1.00:00:00.");
        }

        if (profile.Approval is not { } approval || (string.IsNullOrWhiteSpace(approval.SlackChannel) && string.IsNullOrWhiteSpace(approval.TeamsChannel)))
        {
            errors.Add($"{key}:BreakGlass: needs an Approval section with a SlackChannel or TeamsChannel: the break-glass is announced there and its approvers acknowledge it.");
        }
    }
}
