using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Cli;

/// <summary><c>check</c>'s "who can reach what" section, as text: every line starts with "→ " so scripts (and the tests) can tell it from the rest.</summary>
internal static class CheckReachText
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<ProfileReach.Reach> reaches)
    {
        await output.WriteLineAsync("→ who can reach what:");
        foreach (var reach in reaches)
        {
            await WriteAsync(output, $"{reach.Profile} requester", reach.Requesters);
            if (reach.Approvers is { } approvers)
            {
                await WriteAsync(output, $"{reach.Profile} approver", approvers);
            }

            if (reach.BreakGlass is { } breakGlass)
            {
                await WriteAsync(output, $"{reach.Profile} break-glass", breakGlass);
            }
        }
    }

    private static async Task WriteAsync(TextWriter output, string title, ProfileReach.Expansion expansion)
    {
        foreach (var everyone in expansion.Everyone)
        {
            await output.WriteLineAsync($"→ {title}: everyone in {everyone}");
        }

        foreach (var member in expansion.Members)
        {
            var name = member.DisplayName is { } display ? $" ({display})" : string.Empty;
            await output.WriteLineAsync($"→ {title}: {member.Key}{name} via {member.Via}");
        }

        foreach (var problem in expansion.Problems)
        {
            await output.WriteLineAsync($"→ {title}: ✗ {problem}");
        }
    }
}
