using ChatOpsSignin.Core.Outcomes;

namespace ChatOpsSignin.Core.Policy;

/// <summary>The "no" when a directory could not answer: refused, never allowed, and the reason says which directory.</summary>
public static class DirectoryRefusals
{
    public static SigninFailure Unavailable(string profile, string why) => new(
        "directory_unavailable",
        $"The directory that decides who may use '{profile}' could not be reached, so the request is refused. Try again in a few minutes.",
        $"Allow-list of profile '{profile}' could not be checked: {why}.");
}
