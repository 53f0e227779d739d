using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Checks;

/// <summary>What a valid profile lets happen that the admin should know: logged at start-up and shown by <c>check</c>.</summary>
public static class ProfileWarnings
{
    public static IReadOnlyList<string> For(ProfileOptions profile) =>
        profile is { Method: SigninMethod.Cognito, DeveloperProviderName: null, AllowGuestIdentities: true }
            ? [$"guest identities allowed: anyone who knows identity pool {profile.IdentityPoolId} (it is public) can get this role's "
                + "credentials without the bot, bypassing allow-list, approval, rate limit and audit"]
            : [];
}
